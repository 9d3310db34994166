package dev.scalebus.autoscaler.hpa;

import java.time.Instant;
import java.util.List;

/** The input and output of one reconcile of one autoscaler, see {@link Evaluator}. */
public final class Evaluation {

    private Evaluation() {
    }

    /**
     * @param spec             the autoscaler spec (defaults are applied by the evaluator)
     * @param previousStatus   the status as last written; null for a new autoscaler
     * @param history          the controller's memory for this autoscaler; null when first seen (then seeded with
     *                         the current replicas, as upstream recordInitialRecommendation)
     * @param scale            the target's scale subresource; null when it could not be read
     * @param scaleError       why the scale could not be read (FailedGetScale)
     * @param pods             the pods in the autoscaler's namespace (filtered here by the scale selector)
     * @param reads            the metric values the metrics APIs returned
     * @param otherSelectors   selectors of the other autoscalers in the namespace (AmbiguousSelector)
     * @param settings         controller flags
     * @param now              the evaluation time
     */
    public record Input(HpaSpec spec, HpaStatus previousStatus, History history, ScaleView scale, String scaleError,
            List<PodInfo> pods, MetricReads reads, List<String> otherSelectors, ControllerSettings settings,
            Instant now) {
        public Input {
            pods = pods == null ? List.of() : List.copyOf(pods);
            otherSelectors = otherSelectors == null ? List.of() : List.copyOf(otherSelectors);
            reads = reads == null ? MetricReads.none() : reads;
            previousStatus = previousStatus == null ? HpaStatus.empty() : previousStatus;
            settings = settings == null ? ControllerSettings.defaults() : settings;
        }
    }

    /** Writes the new replica count to the target's /scale; returns null on success or the error text. */
    @FunctionalInterface
    public interface ScaleUpdater {
        String update(int replicas);
    }

    /** A Kubernetes Event the controller would record on the autoscaler. */
    public record Event(String type, String reason, String message) {
    }

    /**
     * @param currentReplicas the target's spec.replicas (0 when the scale could not be read)
     * @param desiredReplicas status.desiredReplicas after this reconcile, except when the metrics could not be
     *                        computed: then the current count (the scale is kept, as upstream; its status keeps
     *                        the previous desiredReplicas, and a decision must not read as a scale to zero)
     * @param metrics         per metric: value, proposal or error (empty when metrics were not computed)
     * @param proposed        the max over the metrics, before normalization; null when not computed
     * @param stabilized      after the stabilization window; null when not computed
     * @param limited         after min/max and rate limits; null when not computed
     * @param status          the new status
     * @param history         the controller's memory after this reconcile
     * @param rescale         whether the controller decided to write a new replica count
     * @param scaled          whether the write succeeded
     * @param rescaleReason   upstream's rescale reason ("cpu resource utilization ... above target", ...)
     * @param error           the reconcile error, if any (invalid metrics, failed scale read/write)
     * @param events          the Kubernetes Events upstream would emit
     */
    public record Result(int currentReplicas, int desiredReplicas, List<MetricResult> metrics, Integer proposed,
            Integer stabilized, Integer limited, HpaStatus status, History history, boolean rescale,
            boolean scaled, String rescaleReason, String error, List<Event> events) {

        public List<Condition> conditions() {
            return status.conditions();
        }

        public Condition condition(String type) {
            return status.conditions().stream().filter(c -> c.type().equals(type)).findFirst().orElse(null);
        }
    }
}
