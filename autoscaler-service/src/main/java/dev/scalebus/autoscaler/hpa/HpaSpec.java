package dev.scalebus.autoscaler.hpa;

import java.util.List;

/**
 * The autoscaling/v2 HorizontalPodAutoscaler spec, field for field.
 *
 * @param scaleTargetRef the scaled target
 * @param minReplicas    lower bound; null means 1 (API default)
 * @param maxReplicas    upper bound
 * @param metrics        the metrics; empty means cpu 80% (API default)
 * @param behavior       scaling behavior; null selects the legacy normalization path
 */
public record HpaSpec(TargetRef scaleTargetRef, Integer minReplicas, int maxReplicas, List<MetricSpec> metrics,
        Behavior behavior) {

    public HpaSpec {
        metrics = metrics == null ? List.of() : List.copyOf(metrics);
    }

    /** autoscaling/v2 CrossVersionObjectReference. */
    public record TargetRef(String apiVersion, String kind, String name) {
    }
}
