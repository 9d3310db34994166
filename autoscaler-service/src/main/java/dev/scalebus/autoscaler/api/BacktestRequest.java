package dev.scalebus.autoscaler.api;

import java.time.Instant;
import java.util.Map;

/**
 * A backtest: a candidate autoscaler (a HorizontalAutoscaler / HorizontalPodAutoscaler object, or a bare
 * autoscaling/v2 spec), the recorded workload to replay it on, the range [from, to), the controller settings (as
 * simulate's) and the candidate's replica count at {@code from} (default: the recorded count at the first scrape).
 */
public record BacktestRequest(Map<String, Object> autoscaler, Target target, Instant from, Instant to,
        SimulateRequest.Settings settings, Integer initialReplicas) {

    /** The recorded workload: namespace, owner kind (Deployment, StatefulSet, ...) and name. */
    public record Target(String namespace, String kind, String name) {
    }
}
