package dev.scalebus.autoscaler.hpa;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Replica counts per metric, mirroring upstream {@code replica_calculator.go}. All values are milli-units; the
 * pods are the ones the target's selector selects.
 */
public final class ReplicaCalculator {

    /**
     * @param replicas    the proposal
     * @param utilization integer percent of request (Utilization targets only)
     * @param milliValue  the reported value in milli-units (average or total, as upstream's status)
     * @param timestamp   the metric's timestamp
     */
    public record Result(int replicas, Integer utilization, long milliValue, Instant timestamp) {
    }

    private final ControllerSettings settings;
    private final Instant now;

    public ReplicaCalculator(ControllerSettings settings, Instant now) {
        this.settings = settings;
        this.now = now;
    }

    /** GetResourceReplicas: Resource/ContainerResource metric with a Utilization target. */
    public Result resourceReplicas(int currentReplicas, int targetUtilization, String resource, String container,
            Tolerances tol, List<PodInfo> pods, MetricReads.ResourceRead read) throws MetricException {
        ResourceMetrics.Fetched fetched = ResourceMetrics.fetch(read, resource, container);
        if (pods.isEmpty()) {
            throw new MetricException("no pods returned by selector while calculating replica count");
        }
        Map<String, PodGroups.PodMetric> metrics = fetched.metrics();
        PodGroups groups = PodGroups.of(pods, metrics, resource, settings.cpuInitializationPeriod(),
                settings.initialReadinessDelay(), now);
        groups.ignored().forEach(metrics::remove);
        groups.unready().forEach(metrics::remove);
        if (metrics.isEmpty()) {
            throw new MetricException("did not receive metrics for targeted pods (pods might be unready)");
        }
        Map<String, Long> requests = ResourceMetrics.podRequests(pods, container, resource);
        Utilization u = Utilization.of(metrics, requests, targetUtilization);

        boolean scaleUpWithUnready = !groups.unready().isEmpty() && u.ratio() > 1.0;
        if (!scaleUpWithUnready && groups.missing().isEmpty()) {
            int replicas = tol.isWithin(u.ratio()) ? currentReplicas : ceil(u.ratio() * groups.readyPodCount());
            return new Result(replicas, u.utilization(), u.rawAverageMilli(), fetched.timestamp());
        }
        // conservative fill-in: missing pods at 100% (or the target if higher) on scale-down, 0 on scale-up
        if (u.ratio() < 1.0) {
            long fallback = Math.max(100, targetUtilization);
            groups.missing().forEach(p -> metrics.put(p, sample(requests.get(p) * fallback / 100)));
        } else if (u.ratio() > 1.0) {
            groups.missing().forEach(p -> metrics.put(p, sample(0)));
        }
        if (scaleUpWithUnready) {
            groups.unready().forEach(p -> metrics.put(p, sample(0)));
        }
        double newRatio = Utilization.of(metrics, requests, targetUtilization).ratio();
        int replicas = afterFillIn(currentReplicas, u.ratio(), newRatio, metrics.size(), tol);
        return new Result(replicas, u.utilization(), u.rawAverageMilli(), fetched.timestamp());
    }

    /** GetRawResourceReplicas: Resource/ContainerResource metric with an AverageValue target. */
    public Result rawResourceReplicas(int currentReplicas, long targetMilli, String resource, String container,
            Tolerances tol, List<PodInfo> pods, MetricReads.ResourceRead read) throws MetricException {
        ResourceMetrics.Fetched fetched = ResourceMetrics.fetch(read, resource, container);
        return plainMetricReplicas(fetched.metrics(), currentReplicas, targetMilli, resource, tol, pods,
                fetched.timestamp());
    }

    /** GetMetricReplicas: Pods metric (AverageValue); no readiness filtering beyond Pending/Failed/deleting. */
    public Result podsMetricReplicas(int currentReplicas, long targetMilli, String metricName, Tolerances tol,
            List<PodInfo> pods, MetricReads.PodsRead read) throws MetricException {
        if (read == null || (read.error() == null && read.values().isEmpty())) {
            throw new MetricException("unable to get metric " + metricName
                    + ": no metrics returned from custom metrics API");
        }
        if (read.error() != null) {
            throw new MetricException("unable to get metric " + metricName
                    + ": unable to fetch metrics from custom metrics API: " + read.error());
        }
        Map<String, PodGroups.PodMetric> metrics = new HashMap<>();
        read.values().forEach((pod, q) -> metrics.put(pod,
                new PodGroups.PodMetric(q.milliValue(), read.timestamp(), null)));
        return plainMetricReplicas(metrics, currentReplicas, targetMilli, "", tol, pods, read.timestamp());
    }

    // calcPlainMetricReplicas
    private Result plainMetricReplicas(Map<String, PodGroups.PodMetric> metrics, int currentReplicas,
            long targetMilli, String resource, Tolerances tol, List<PodInfo> pods, Instant timestamp)
            throws MetricException {
        if (pods.isEmpty()) {
            throw new MetricException("no pods returned by selector while calculating replica count");
        }
        PodGroups groups = PodGroups.of(pods, metrics, resource, settings.cpuInitializationPeriod(),
                settings.initialReadinessDelay(), now);
        groups.ignored().forEach(metrics::remove);
        groups.unready().forEach(metrics::remove);
        if (metrics.isEmpty()) {
            throw new MetricException("did not receive metrics for targeted pods (pods might be unready)");
        }
        long usage = averageMilli(metrics);
        double ratio = (double) usage / (double) targetMilli;
        boolean scaleUpWithUnready = !groups.unready().isEmpty() && ratio > 1.0;
        if (!scaleUpWithUnready && groups.missing().isEmpty()) {
            int replicas = tol.isWithin(ratio) ? currentReplicas : ceil(ratio * groups.readyPodCount());
            return new Result(replicas, null, usage, timestamp);
        }
        if (!groups.missing().isEmpty()) {
            long fill = ratio < 1.0 ? targetMilli : 0;
            groups.missing().forEach(p -> metrics.put(p, sample(fill)));
        }
        if (scaleUpWithUnready) {
            groups.unready().forEach(p -> metrics.put(p, sample(0)));
        }
        double newRatio = (double) averageMilli(metrics) / (double) targetMilli;
        return new Result(afterFillIn(currentReplicas, ratio, newRatio, metrics.size(), tol), null, usage,
                timestamp);
    }

    // after filling in missing/unready pods: keep current when within tolerance, when the direction flipped, or
    // when the new count would move against the ratio
    private static int afterFillIn(int currentReplicas, double ratio, double newRatio, int entries, Tolerances tol) {
        if (tol.isWithin(newRatio) || (ratio < 1.0 && newRatio > 1.0) || (ratio > 1.0 && newRatio < 1.0)) {
            return currentReplicas;
        }
        int newReplicas = ceil(newRatio * entries);
        if ((newRatio < 1.0 && newReplicas > currentReplicas) || (newRatio > 1.0 && newReplicas < currentReplicas)) {
            return currentReplicas;
        }
        return newReplicas;
    }

    private static long averageMilli(Map<String, PodGroups.PodMetric> metrics) {
        long total = 0;
        for (PodGroups.PodMetric m : metrics.values()) {
            total += m.milliValue();
        }
        return total / metrics.size();
    }

    private static PodGroups.PodMetric sample(long milli) {
        return new PodGroups.PodMetric(milli, null, null);
    }

    static int ceil(double v) {
        return (int) Math.ceil(v);
    }
}
