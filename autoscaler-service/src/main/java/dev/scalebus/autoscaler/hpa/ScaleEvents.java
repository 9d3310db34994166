package dev.scalebus.autoscaler.hpa;

import java.time.Instant;
import java.util.List;

/** Upstream {@code storeScaleEvent} and {@code markScaleEventsOutdated}. */
public final class ScaleEvents {

    private ScaleEvents() {
    }

    /**
     * Records a successful rescale, only when the autoscaler has a behavior. Events older than the longest policy
     * period of that direction are flagged outdated; the new event overwrites the last outdated one, else appends.
     */
    public static void store(Behavior behavior, List<History.ScaleEvent> upEvents,
            List<History.ScaleEvent> downEvents, int prevReplicas, int newReplicas, Instant now) {
        if (behavior == null) {
            return;
        }
        boolean up = newReplicas > prevReplicas;
        List<History.ScaleEvent> events = up ? upEvents : downEvents;
        Behavior.ScalingRules rules = up ? behavior.scaleUp() : behavior.scaleDown();
        Instant cutoff = now.minusSeconds(longestPeriod(rules));
        int oldIndex = -1;
        for (int i = 0; i < events.size(); i++) {
            History.ScaleEvent e = events.get(i);
            if (e.timestamp().isBefore(cutoff) && !e.outdated()) {
                events.set(i, new History.ScaleEvent(e.replicaChange(), e.timestamp(), true));
            }
            if (events.get(i).outdated()) {
                oldIndex = i;
            }
        }
        History.ScaleEvent event = new History.ScaleEvent(Math.abs(newReplicas - prevReplicas), now, false);
        if (oldIndex >= 0) {
            events.set(oldIndex, event);
        } else {
            events.add(event);
        }
    }

    static int longestPeriod(Behavior.ScalingRules rules) {
        int longest = 0;
        if (rules != null && rules.policies() != null) {
            for (Behavior.ScalingPolicy p : rules.policies()) {
                longest = Math.max(longest, p.periodSeconds());
            }
        }
        return longest;
    }
}
