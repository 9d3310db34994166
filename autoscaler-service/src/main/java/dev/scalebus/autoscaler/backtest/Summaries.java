package dev.scalebus.autoscaler.backtest;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The summary of a timeline over [from, to): the replica count holds from one point to the next. */
public final class Summaries {

    private Summaries() {
    }

    public static Timeline.Summary of(List<Timeline.Point> points, Instant from, Instant to) {
        double replicaSeconds = 0;
        Map<String, Long> above = new LinkedHashMap<>();
        Map<String, Integer> peak = new LinkedHashMap<>();
        int rescales = 0;
        int directionChanges = 0;
        int lastDirection = 0;
        int max = 0;
        if (!points.isEmpty() && points.get(0).time().isAfter(from)) {
            replicaSeconds += points.get(0).currentReplicas() * seconds(from, points.get(0).time());
        }
        for (int i = 0; i < points.size(); i++) {
            Timeline.Point p = points.get(i);
            Instant end = i + 1 < points.size() ? points.get(i + 1).time() : to;
            double held = Math.max(0, seconds(p.time(), end));
            replicaSeconds += p.replicasAfter() * held;
            max = Math.max(max, Math.max(p.currentReplicas(), p.replicasAfter()));
            for (Timeline.Metric m : p.metrics()) {
                above.merge(m.name(), m.aboveTarget() ? Math.round(held) : 0L, Long::sum);
                if (m.utilizationPercent() != null) {
                    peak.merge(m.name(), m.utilizationPercent(), Math::max);
                }
            }
            if (p.appliedReplicas() != null && p.appliedReplicas() != p.currentReplicas()) {
                rescales++;
                int direction = Integer.signum(p.appliedReplicas() - p.currentReplicas());
                if (lastDirection != 0 && direction != lastDirection) {
                    directionChanges++;
                }
                lastDirection = direction;
            }
        }
        return new Timeline.Summary(Math.round(replicaSeconds / 3600 * 1000) / 1000.0, above, peak, rescales,
                directionChanges, max);
    }

    private static double seconds(Instant a, Instant b) {
        return Duration.between(a, b).toMillis() / 1000.0;
    }
}
