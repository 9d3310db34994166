package dev.scalebus.autoscaler.hpa;

import java.time.Instant;
import java.util.List;

/**
 * What the controller remembers per autoscaler between reconciles (upstream keeps it in memory, keyed
 * namespace/name): the unstabilized recommendations and the scale events the behavior policies count.
 */
public record History(List<Recommendation> recommendations, List<ScaleEvent> scaleUpEvents,
        List<ScaleEvent> scaleDownEvents) {

    public History {
        recommendations = recommendations == null ? List.of() : List.copyOf(recommendations);
        scaleUpEvents = scaleUpEvents == null ? List.of() : List.copyOf(scaleUpEvents);
        scaleDownEvents = scaleDownEvents == null ? List.of() : List.copyOf(scaleDownEvents);
    }

    public static History empty() {
        return new History(List.of(), List.of(), List.of());
    }

    /** timestampedRecommendation. */
    public record Recommendation(int replicas, Instant timestamp) {
    }

    /** timestampedScaleEvent: replicas added (scale-up list) or removed (scale-down list). */
    public record ScaleEvent(int replicaChange, Instant timestamp, boolean outdated) {
    }
}
