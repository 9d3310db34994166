package dev.scalebus.autoscaler.hpa;

import java.util.Map;

/**
 * {@code GetResourceUtilizationRatio} of upstream {@code metrics/utilization.go}: the utilization is an integer
 * percent of the summed requests (truncated), and the ratio is computed from that integer.
 */
record Utilization(double ratio, int utilization, long rawAverageMilli) {

    static Utilization of(Map<String, PodGroups.PodMetric> metrics, Map<String, Long> requests, int target)
            throws MetricException {
        long metricsTotal = 0;
        long requestsTotal = 0;
        int entries = 0;
        for (Map.Entry<String, PodGroups.PodMetric> e : metrics.entrySet()) {
            Long request = requests.get(e.getKey());
            if (request == null) {
                continue; // a sample for a pod the selector does not know: extraneous
            }
            metricsTotal += e.getValue().milliValue();
            requestsTotal += request;
            entries++;
        }
        if (requestsTotal == 0) {
            throw new MetricException("no metrics returned matched known pods");
        }
        int utilization = (int) ((metricsTotal * 100) / requestsTotal);
        return new Utilization((double) utilization / (double) target, utilization, metricsTotal / entries);
    }
}
