package dev.scalebus.events;

import java.time.Instant;
import java.util.List;

/**
 * One evaluation of one autoscaler that changed its desired replica count or a condition.
 * Published by autoscaler-service on {@link Topics#SCALING_DECISIONS}, key = {@code namespace/name} of the autoscaler.
 *
 * @param schemaVersion       event schema version, {@link #SCHEMA_VERSION} when written by this code
 * @param id                  unique id of the decision, also the correlation id in the autoscaler's log
 * @param autoscaler          the HorizontalAutoscaler evaluated
 * @param target              its scaleTargetRef
 * @param time                when the evaluation ran
 * @param currentReplicas     the target's scale spec.replicas when evaluated
 * @param desiredReplicas     the replica count the evaluation settled on (status.desiredReplicas)
 * @param appliedReplicas     the replica count written to the target's /scale; null when nothing was written
 *                            (no change, dry run, or the write failed)
 * @param reason              why: {@code "<metric> above target"}, {@code "All metrics below target"}, a limit, or the error
 * @param metrics             one entry per metric in the autoscaler's spec, in spec order
 * @param recommendation      the recommendation before and after stabilization and policy limits
 * @param conditions          AbleToScale, ScalingActive and ScalingLimited after the evaluation
 * @param dryRun              true when the autoscaler decides and records but never scales
 */
public record ScalingDecision(
        Integer schemaVersion,
        String id,
        ObjectReference autoscaler,
        CrossVersionObjectReference target,
        Instant time,
        int currentReplicas,
        int desiredReplicas,
        Integer appliedReplicas,
        String reason,
        List<MetricEvaluation> metrics,
        Recommendation recommendation,
        List<Condition> conditions,
        boolean dryRun) {

    public static final int SCHEMA_VERSION = 1;

    public ScalingDecision {
        schemaVersion = Required.schemaVersion(schemaVersion, "ScalingDecision");
        Required.text(id, "ScalingDecision", "id");
        Required.field(autoscaler, "ScalingDecision", "autoscaler");
        Required.field(target, "ScalingDecision", "target");
        Required.field(time, "ScalingDecision", "time");
        metrics = Required.list(metrics);
        conditions = Required.list(conditions);
    }

    /** The Kafka record key: namespace/name of the autoscaler. */
    public String key() {
        return autoscaler.namespace() + "/" + autoscaler.name();
    }

    /**
     * A namespaced object.
     *
     * @param namespace its namespace
     * @param name      its name
     */
    public record ObjectReference(String namespace, String name) {
        public ObjectReference {
            Required.text(namespace, "ObjectReference", "namespace");
            Required.text(name, "ObjectReference", "name");
        }
    }

    /**
     * A scale target, as autoscaling/v2 CrossVersionObjectReference.
     *
     * @param apiVersion e.g. {@code apps/v1}
     * @param kind       e.g. {@code Deployment}
     * @param name       the target's name, in the autoscaler's namespace
     */
    public record CrossVersionObjectReference(String apiVersion, String kind, String name) {
        public CrossVersionObjectReference {
            Required.text(kind, "CrossVersionObjectReference", "kind");
            Required.text(name, "CrossVersionObjectReference", "name");
        }
    }

    /**
     * One metric's part in the decision, in the shape of autoscaling/v2 MetricStatus plus the proposal.
     *
     * @param type             Resource, ContainerResource, Pods, Object or External
     * @param name             the metric name: the resource ({@code cpu}, {@code memory}) or the custom metric's name
     * @param container        the container, for ContainerResource
     * @param target           the spec's target
     * @param current          what was measured; null when the metric failed
     * @param proposedReplicas the replica count this metric alone asks for; null when it failed
     * @param error            why the metric failed; null when it did not
     */
    public record MetricEvaluation(
            String type,
            String name,
            String container,
            MetricTarget target,
            MetricValue current,
            Integer proposedReplicas,
            String error) {
        public MetricEvaluation {
            Required.text(type, "MetricEvaluation", "type");
        }
    }

    /**
     * An autoscaling/v2 MetricTarget. Quantities are Kubernetes quantity strings ({@code 500m}, {@code 1Gi}).
     *
     * @param type               Utilization, AverageValue or Value
     * @param averageUtilization percent of request, for Utilization
     * @param averageValue       for AverageValue
     * @param value              for Value
     */
    public record MetricTarget(String type, Integer averageUtilization, String averageValue, String value) {
        public MetricTarget {
            Required.text(type, "MetricTarget", "type");
        }
    }

    /**
     * An autoscaling/v2 MetricValueStatus. Quantities are Kubernetes quantity strings.
     *
     * @param averageUtilization percent of request (integer, truncated as upstream)
     * @param averageValue       average over pods
     * @param value              the single value
     */
    public record MetricValue(Integer averageUtilization, String averageValue, String value) {
    }

    /**
     * The recommendation through the normalization steps of upstream {@code normalizeDesiredReplicas*}.
     *
     * @param proposed   the maximum over the metrics' proposals (before stabilization)
     * @param stabilized after the stabilization window
     * @param limited    after min/max and the behavior policies (the desired replicas)
     */
    public record Recommendation(int proposed, int stabilized, int limited) {
    }

    /**
     * An autoscaler condition, as HorizontalPodAutoscalerCondition.
     *
     * @param type               AbleToScale, ScalingActive or ScalingLimited
     * @param status             True, False or Unknown
     * @param reason             the upstream reason, e.g. {@code ValidMetricFound}
     * @param message            the upstream message
     * @param lastTransitionTime when status last changed
     */
    public record Condition(String type, String status, String reason, String message, Instant lastTransitionTime) {
        public Condition {
            Required.text(type, "Condition", "type");
            Required.text(status, "Condition", "status");
        }
    }
}
