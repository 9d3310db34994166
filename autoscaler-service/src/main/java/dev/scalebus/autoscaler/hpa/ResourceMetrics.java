package dev.scalebus.autoscaler.hpa;

import dev.scalebus.events.Quantity;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The resource-metrics half of upstream's metrics client and {@code calculatePodRequests}. */
final class ResourceMetrics {

    record Fetched(Map<String, PodGroups.PodMetric> metrics, Instant timestamp) {
    }

    private ResourceMetrics() {
    }

    /**
     * Per-pod usage: the sum over the pod's containers (or the one named container); a pod lacking the resource in
     * any container, or the named container, gets no sample and so counts as missing.
     */
    static Fetched fetch(MetricReads.ResourceRead read, String resource, String container) throws MetricException {
        String prefix = "unable to get metrics for resource " + resource + ": ";
        if (read != null && read.error() != null) {
            throw new MetricException(prefix + "unable to fetch metrics from resource metrics API: " + read.error());
        }
        if (read == null || read.pods().isEmpty()) {
            throw new MetricException(prefix + "no metrics returned from resource metrics API");
        }
        Map<String, PodGroups.PodMetric> out = new HashMap<>();
        for (MetricReads.PodUsage p : read.pods()) {
            Long sum = container == null ? podSum(p, resource) : containerValue(p, resource, container);
            if (sum != null) {
                out.put(p.pod(), new PodGroups.PodMetric(sum, p.timestamp(), p.window()));
            }
        }
        return new Fetched(out, read.pods().get(0).timestamp());
    }

    private static Long podSum(MetricReads.PodUsage p, String resource) {
        if (p.containers().isEmpty()) {
            return null;
        }
        long sum = 0;
        for (MetricReads.ContainerUsage c : p.containers()) {
            Quantity q = c.usage().get(resource);
            if (q == null) {
                return null;
            }
            sum += q.milliValue();
        }
        return sum;
    }

    private static Long containerValue(MetricReads.PodUsage p, String resource, String container) {
        for (MetricReads.ContainerUsage c : p.containers()) {
            if (container.equals(c.name())) {
                Quantity q = c.usage().get(resource);
                return q == null ? null : q.milliValue();
            }
        }
        return null;
    }

    /** calculatePodRequests over every selected pod: containers plus restartable init containers. */
    static Map<String, Long> podRequests(List<PodInfo> pods, String container, String resource)
            throws MetricException {
        Map<String, Long> requests = new HashMap<>();
        for (PodInfo pod : pods) {
            long sum = 0;
            boolean found = false;
            for (PodInfo.ContainerInfo c : pod.containers()) {
                if (c.initOnly() || (container != null && !container.equals(c.name()))) {
                    continue;
                }
                found = true;
                Quantity q = c.requests().get(resource);
                if (q == null) {
                    throw new MetricException("missing request for " + resource + " in container " + c.name()
                            + " of Pod " + pod.name());
                }
                sum += q.milliValue();
            }
            if (container != null && !found) {
                throw new MetricException("container " + container + " not found in Pod " + pod.name());
            }
            requests.put(pod.name(), sum);
        }
        return requests;
    }
}
