package dev.scalebus.autoscaler.api;

import dev.scalebus.autoscaler.hpa.Condition;
import dev.scalebus.autoscaler.hpa.History;
import dev.scalebus.events.Quantity;
import java.time.Instant;
import java.util.List;

/** The what-if output: one entry per step. */
public record SimulateResponse(Settings settings, List<StepResult> steps) {

    /** The controller settings the simulation used (defaults filled in). */
    public record Settings(double tolerance, long cpuInitializationPeriodSeconds, long initialReadinessDelaySeconds,
            long downscaleStabilizationWindowSeconds, double scaleUpLimitFactor, double scaleUpLimitMinimum) {
    }

    public record StepResult(Instant time, int currentReplicas, int desiredReplicas, boolean rescale,
            boolean scaled, String rescaleReason, String error, List<Metric> metrics,
            Recommendation recommendation, List<Condition> conditions, Status status, History history,
            List<Event> events) {
    }

    /** A metric: its current value/utilization and proposal, or its error. */
    public record Metric(String type, String name, String container, String metricName, Current current,
            Integer proposedReplicas, String error) {
    }

    public record Current(Integer averageUtilization, Quantity averageValue, Quantity value) {
    }

    /** The recommendation before and after stabilization and after the limits; null when not computed. */
    public record Recommendation(Integer proposed, Integer stabilized, Integer limited) {
    }

    public record Status(Integer currentReplicas, Integer desiredReplicas, Instant lastScaleTime) {
    }

    public record Event(String type, String reason, String message) {
    }
}
