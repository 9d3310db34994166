package dev.scalebus.autoscaler.hpa;

import java.time.Instant;
import java.util.List;

/** autoscaling/v2 HorizontalPodAutoscalerStatus (observedGeneration is left to the resource layer). */
public record HpaStatus(Integer currentReplicas, Integer desiredReplicas, List<MetricStatus> currentMetrics,
        List<Condition> conditions, Instant lastScaleTime) {

    public HpaStatus {
        currentMetrics = currentMetrics == null ? List.of() : List.copyOf(currentMetrics);
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }

    public static HpaStatus empty() {
        return new HpaStatus(null, null, List.of(), List.of(), null);
    }
}
