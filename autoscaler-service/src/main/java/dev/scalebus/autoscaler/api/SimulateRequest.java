package dev.scalebus.autoscaler.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.scalebus.autoscaler.hpa.Condition;
import dev.scalebus.autoscaler.hpa.HpaSpec;
import dev.scalebus.events.Quantity;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The what-if input: an autoscaler (an autoscaling/v2 HorizontalPodAutoscaler or a HorizontalAutoscaler object,
 * or just its spec), what the controller would know, and timed steps with the metric values it would read.
 */
public record SimulateRequest(
        Autoscaler autoscaler,
        HpaSpec spec,
        PreviousStatus status,
        Settings settings,
        Scale scale,
        List<Pod> pods,
        HistoryInput history,
        List<String> otherSelectors,
        Instant start,
        List<Step> steps) {

    /** An HPA/HorizontalAutoscaler object; metadata and status are read leniently (exported objects carry more). */
    public record Autoscaler(String apiVersion, String kind, Map<String, Object> metadata, HpaSpec spec,
            PreviousStatus status) {
    }

    /** The previous status; fields the controller does not read (currentMetrics, ...) are ignored. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PreviousStatus(Integer currentReplicas, Integer desiredReplicas, List<Condition> conditions,
            Instant lastScaleTime) {
    }

    /** kube-controller-manager flags; every field optional, defaulting to kube-controller-manager's. */
    public record Settings(Double tolerance, Long cpuInitializationPeriodSeconds, Long initialReadinessDelaySeconds,
            Long downscaleStabilizationWindowSeconds, Double scaleUpLimitFactor, Double scaleUpLimitMinimum) {
    }

    /** The target's scale subresource; {@code error} simulates a failed GET. */
    public record Scale(Integer specReplicas, Integer statusReplicas, String selector, String error) {
    }

    /**
     * A pod. Defaults: phase Running, ready true, started (and ready) long ago, labels matching the selector.
     * {@code noReadyCondition} models a pod without a Ready condition.
     */
    public record Pod(String name, String phase, Boolean ready, Boolean noReadyCondition,
            Instant readyTransitionTime, Instant startTime, Boolean deleting, Map<String, String> labels,
            List<Container> containers, List<Container> initContainers) {
    }

    /** A container with its requests; for init containers {@code restartPolicy: Always} marks a sidecar. */
    public record Container(String name, Map<String, Quantity> requests, String restartPolicy) {
    }

    /** The controller's memory; absent means the autoscaler is seen for the first time. */
    public record HistoryInput(List<RecommendationInput> recommendations, List<ScaleEventInput> scaleUpEvents,
            List<ScaleEventInput> scaleDownEvents) {
    }

    public record RecommendationInput(Integer replicas, Instant time) {
    }

    public record ScaleEventInput(Integer replicaChange, Instant time) {
    }

    /**
     * One reconcile: at {@code at} (or {@code offsetSeconds} after start), with these metric reads; optionally
     * replacing the pods or the scale, or making the /scale write fail.
     */
    public record Step(Instant at, Long offsetSeconds, Metrics metrics, List<Pod> pods, Scale scale,
            String scaleUpdateError) {
    }

    public record Metrics(ResourceMetrics resource, Map<String, PodsMetric> pods, Map<String, ObjectMetric> object,
            Map<String, ExternalMetric> external) {
    }

    public record ResourceMetrics(List<PodUsage> pods, String error) {
    }

    /** One pod's sample; timestamp defaults to the step time, window to 60 s. */
    public record PodUsage(String pod, Instant timestamp, Long windowSeconds, List<ContainerUsage> containers) {
    }

    public record ContainerUsage(String name, Map<String, Quantity> usage) {
    }

    public record PodsMetric(Map<String, Quantity> values, String error) {
    }

    public record ObjectMetric(Quantity value, String error) {
    }

    public record ExternalMetric(List<Quantity> values, String error) {
    }
}
