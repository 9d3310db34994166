package dev.scalebus.autoscaler.backtest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A series of the answer (candidate or actual): its points and their summary. */
public record Timeline(List<Point> timeline, Summary summary) {

    /**
     * One evaluation (candidate) or one stored decision (actual).
     *
     * @param appliedReplicas the replica count written; null when there was no rescale
     * @param reasons         the conditions' reasons after the evaluation
     * @param reason          the rescale reason or the evaluation's error; null when neither
     */
    public record Point(Instant time, int currentReplicas, int desiredReplicas,
            @JsonInclude(JsonInclude.Include.ALWAYS) Integer appliedReplicas, List<Metric> metrics,
            List<String> reasons, String reason) {

        /** The replica count from this point on. */
        public int replicasAfter() {
            return appliedReplicas != null ? appliedReplicas : currentReplicas;
        }
    }

    /**
     * One metric at one point. Utilization is of the pods' requests (percent); for an AverageValue target the
     * average per pod and its target are given as quantities.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Metric(String name, Integer utilizationPercent, Integer targetPercent, String averageValue,
            String targetAverageValue, boolean aboveTarget) {
    }

    /**
     * @param replicaHours           the integral of the replica count over the range, in replica-hours
     * @param secondsAboveTarget     per metric, seconds the utilization was above the target
     * @param peakUtilizationPercent per metric, the highest utilization seen
     * @param rescales               replica count changes
     * @param directionChanges       rescales whose direction differs from the previous rescale's
     * @param maxReplicas            the highest replica count reached
     */
    public record Summary(double replicaHours, Map<String, Long> secondsAboveTarget,
            Map<String, Integer> peakUtilizationPercent, int rescales, int directionChanges, int maxReplicas) {
    }
}
