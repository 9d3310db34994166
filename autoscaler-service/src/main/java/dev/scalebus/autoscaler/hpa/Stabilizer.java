package dev.scalebus.autoscaler.hpa;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The stabilization windows over the recommendation history (upstream {@code stabilizeRecommendation*}). */
public final class Stabilizer {

    /** A stabilized recommendation and the AbleToScale reason/message to use when it differs from the input. */
    public record Stabilized(int replicas, String reason, String message) {
    }

    private Stabilizer() {
    }

    /**
     * Legacy path: the maximum of the desired count and every recommendation inside the downscale window. The
     * desired count is recorded over the last record older than the window, else appended.
     */
    public static int legacy(List<History.Recommendation> recs, int desired, Duration window, Instant now) {
        int max = desired;
        int oldIndex = -1;
        Instant cutoff = now.minus(window);
        for (int i = 0; i < recs.size(); i++) {
            History.Recommendation r = recs.get(i);
            if (r.timestamp().isBefore(cutoff)) {
                oldIndex = i;
            } else if (r.replicas() > max) {
                max = r.replicas();
            }
        }
        record(recs, oldIndex, new History.Recommendation(desired, now));
        return max;
    }

    /**
     * Behavior path: clamp the current count between the minimum of the scale-up window's recommendations and the
     * maximum of the scale-down window's; record the unstabilized desired count.
     */
    public static Stabilized withBehavior(List<History.Recommendation> recs, int current, int desired,
            int upWindowSeconds, int downWindowSeconds, Instant now) {
        int up = desired;
        int down = desired;
        Instant upCutoff = now.minusSeconds(upWindowSeconds);
        Instant downCutoff = now.minusSeconds(downWindowSeconds);
        int oldIndex = -1;
        for (int i = 0; i < recs.size(); i++) {
            History.Recommendation r = recs.get(i);
            if (r.timestamp().isAfter(upCutoff)) {
                up = Math.min(r.replicas(), up);
            }
            if (r.timestamp().isAfter(downCutoff)) {
                down = Math.max(r.replicas(), down);
            }
            if (r.timestamp().isBefore(upCutoff) && r.timestamp().isBefore(downCutoff)) {
                oldIndex = i;
            }
        }
        int recommendation = current;
        if (recommendation < up) {
            recommendation = up;
        }
        if (recommendation > down) {
            recommendation = down;
        }
        record(recs, oldIndex, new History.Recommendation(desired, now));
        return desired >= current
                ? new Stabilized(recommendation, "ScaleUpStabilized",
                        "recent recommendations were lower than current one, applying the lowest recent recommendation")
                : new Stabilized(recommendation, "ScaleDownStabilized",
                        "recent recommendations were higher than current one, applying the highest recent recommendation");
    }

    private static void record(List<History.Recommendation> recs, int oldIndex, History.Recommendation r) {
        if (oldIndex >= 0) {
            recs.set(oldIndex, r);
        } else {
            recs.add(r);
        }
    }
}
