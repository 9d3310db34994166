package dev.scalebus.autoscaler.hpa;

import java.time.Instant;

/**
 * One metric's part in an evaluation.
 *
 * @param spec        the metric spec
 * @param name        upstream's metric name ("cpu resource utilization (percentage of request)", "pods metric qps")
 * @param current     the status entry (current value/utilization); null when the metric failed
 * @param proposal    the replica count this metric alone asks for; null when it failed
 * @param timestamp   the metric's timestamp; null when unknown
 * @param error       upstream's error text when the metric failed
 * @param reason      the ScalingActive reason the failure would set (FailedGetResourceMetric, ...)
 * @param message     the condition message the failure would set
 */
public record MetricResult(MetricSpec spec, String name, MetricStatus current, Integer proposal, Instant timestamp,
        String error, String reason, String message) {

    static MetricResult failed(MetricSpec spec, String reason, String innerError, String error) {
        return new MetricResult(spec, null, null, null, null, error, reason,
                "the HPA was unable to compute the replica count: " + innerError);
    }
}
