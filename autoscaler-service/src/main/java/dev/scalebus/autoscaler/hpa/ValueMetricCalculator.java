package dev.scalebus.autoscaler.hpa;

import java.time.Instant;
import java.util.List;

/**
 * Object and External metrics (upstream GetObjectMetricReplicas, GetObjectPerPodMetricReplicas,
 * GetExternalMetricReplicas, GetExternalPerPodMetricReplicas): one value, no per-pod samples.
 */
final class ValueMetricCalculator {

    private ValueMetricCalculator() {
    }

    /** GetObjectMetricReplicas: Object metric with a Value target. */
    static ReplicaCalculator.Result objectValueReplicas(int currentReplicas, long targetMilli, MetricSpec.ObjectSource source,
            Tolerances tol, List<PodInfo> pods, MetricReads.ValueRead read) throws MetricException {
        long usage = objectValue(source, read);
        double ratio = (double) usage / (double) targetMilli;
        return new ReplicaCalculator.Result(usageRatioReplicaCount(currentReplicas, ratio, tol, pods), null, usage, read.timestamp());
    }

    /** GetObjectPerPodMetricReplicas: Object metric with an AverageValue target, over status.replicas. */
    static ReplicaCalculator.Result objectPerPodReplicas(int statusReplicas, long targetMilli, MetricSpec.ObjectSource source,
            Tolerances tol, MetricReads.ValueRead read) throws MetricException {
        long usage = objectValue(source, read);
        return perPod(statusReplicas, targetMilli, usage, tol, read.timestamp());
    }

    /** GetExternalMetricReplicas: External metric with a Value target; series are summed. */
    static ReplicaCalculator.Result externalValueReplicas(int currentReplicas, long targetMilli, MetricSpec.ExternalSource source,
            Tolerances tol, List<PodInfo> pods, MetricReads.SeriesRead read) throws MetricException {
        long usage = externalSum(source, read);
        double ratio = (double) usage / (double) targetMilli;
        return new ReplicaCalculator.Result(usageRatioReplicaCount(currentReplicas, ratio, tol, pods), null, usage, read.timestamp());
    }

    /** GetExternalPerPodMetricReplicas: External metric with an AverageValue target, over status.replicas. */
    static ReplicaCalculator.Result externalPerPodReplicas(int statusReplicas, long targetMilli, MetricSpec.ExternalSource source,
            Tolerances tol, MetricReads.SeriesRead read) throws MetricException {
        long usage = externalSum(source, read);
        return perPod(statusReplicas, targetMilli, usage, tol, read.timestamp());
    }

    private static ReplicaCalculator.Result perPod(int statusReplicas, long targetMilli, long usage, Tolerances tol, Instant timestamp) {
        int replicas = statusReplicas;
        double ratio = (double) usage / ((double) targetMilli * statusReplicas);
        if (!tol.isWithin(ratio)) {
            replicas = (int) Math.min(Integer.MAX_VALUE, (long) Math.ceil((double) usage / (double) targetMilli));
        }
        long average = (long) Math.ceil((double) usage / (double) statusReplicas);
        return new ReplicaCalculator.Result(replicas, null, average, timestamp);
    }

    private static long objectValue(MetricSpec.ObjectSource source, MetricReads.ValueRead read)
            throws MetricException {
        String name = source.metric().name();
        String on = source.describedObject() == null ? "" : " on " + source.describedObject().kind() + " "
                + source.describedObject().name();
        if (read == null || (read.error() == null && read.value() == null)) {
            throw new MetricException("unable to get metric " + name + ": no metrics returned from custom metrics API"
                    + on);
        }
        if (read.error() != null) {
            throw new MetricException("unable to get metric " + name + ": " + read.error() + on);
        }
        return read.value().milliValue();
    }

    private static long externalSum(MetricSpec.ExternalSource source, MetricReads.SeriesRead read)
            throws MetricException {
        String name = source.metric().name();
        if (read == null || (read.error() == null && read.values().isEmpty())) {
            throw new MetricException("unable to get external metric " + name
                    + ": no metrics returned from external metrics API");
        }
        if (read.error() != null) {
            throw new MetricException("unable to get external metric " + name + ": " + read.error());
        }
        long sum = 0;
        for (var q : read.values()) {
            long v = q.milliValue();
            sum = (v > 0 && sum > Long.MAX_VALUE - v) ? Long.MAX_VALUE : sum + v; // saturate like upstream
        }
        return sum;
    }

    // getUsageRatioReplicaCount: at zero replicas scale to ReplicaCalculator.ceil(ratio), else ratio x Running-and-Ready pods
    private static int usageRatioReplicaCount(int currentReplicas, double ratio, Tolerances tol, List<PodInfo> pods)
            throws MetricException {
        if (currentReplicas == 0) {
            return ReplicaCalculator.ceil(ratio);
        }
        if (tol.isWithin(ratio)) {
            return currentReplicas;
        }
        if (pods.isEmpty()) {
            throw new MetricException("unable to calculate ready pods: no pods returned by selector while "
                    + "calculating replica count");
        }
        long ready = pods.stream().filter(p -> "Running".equals(p.phase()) && Boolean.TRUE.equals(p.ready()))
                .count();
        return ReplicaCalculator.ceil(ratio * ready);
    }

}
