package dev.scalebus.autoscaler.hpa;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The classification of pods by upstream {@code groupPods}: ignored (deleting or Failed), unready (Pending, or for
 * cpu not yet trustworthy), missing (no sample) and the count of ready pods with a sample.
 */
public record PodGroups(int readyPodCount, Set<String> unready, Set<String> missing, Set<String> ignored) {

    /** Go's zero time, what an unset metav1.Time compares as. */
    public static final Instant ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    /** One pod's sample for the metric being computed, in milli-units. */
    public record PodMetric(long milliValue, Instant timestamp, Duration window) {
    }

    public static PodGroups of(List<PodInfo> pods, Map<String, PodMetric> metrics, String resource,
            Duration cpuInitializationPeriod, Duration initialReadinessDelay, Instant now) {
        int ready = 0;
        Set<String> unready = new LinkedHashSet<>();
        Set<String> missing = new LinkedHashSet<>();
        Set<String> ignored = new LinkedHashSet<>();
        for (PodInfo pod : pods) {
            if (pod.deleting() || "Failed".equals(pod.phase())) {
                ignored.add(pod.name());
                continue;
            }
            if ("Pending".equals(pod.phase())) {
                unready.add(pod.name());
                continue;
            }
            PodMetric metric = metrics.get(pod.name());
            if (metric == null) {
                missing.add(pod.name());
                continue;
            }
            if ("cpu".equals(resource) && cpuSampleUnready(pod, metric, cpuInitializationPeriod,
                    initialReadinessDelay, now)) {
                unready.add(pod.name());
                continue;
            }
            ready++;
        }
        return new PodGroups(ready, unready, missing, ignored);
    }

    // the readiness rules of groupPods, which only apply to cpu: a sample is not trusted while the pod starts up
    private static boolean cpuSampleUnready(PodInfo pod, PodMetric metric, Duration cpuInit, Duration readinessDelay,
            Instant now) {
        if (pod.ready() == null || pod.startTime() == null) {
            return true;
        }
        Instant transition = pod.readyTransitionTime() == null ? ZERO_TIME : pod.readyTransitionTime();
        boolean readyFalse = !pod.ready();
        if (pod.startTime().plus(cpuInit).isAfter(now)) {
            Duration window = metric.window() == null ? Duration.ZERO : metric.window();
            Instant ts = metric.timestamp() == null ? ZERO_TIME : metric.timestamp();
            return readyFalse || ts.isBefore(transition.plus(window));
        }
        return readyFalse && pod.startTime().plus(readinessDelay).isAfter(transition);
    }
}
