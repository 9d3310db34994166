package dev.scalebus.autoscaler.hpa;

import dev.scalebus.events.Quantity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the metrics APIs answered for one evaluation: the input the controller's metrics client would return.
 * Each source either has values or an error (the message of the failed fetch).
 *
 * @param resource resource metrics (metrics.k8s.io): per-pod per-container usage; null = API returned nothing
 * @param pods     Pods metrics by metric name (custom.metrics.k8s.io, per pod)
 * @param object   Object metrics by metric name (custom.metrics.k8s.io, one object)
 * @param external External metrics by metric name (external.metrics.k8s.io, all matching series)
 */
public record MetricReads(ResourceRead resource, Map<String, PodsRead> pods, Map<String, ValueRead> object,
        Map<String, SeriesRead> external) {

    public MetricReads {
        pods = pods == null ? Map.of() : Map.copyOf(pods);
        object = object == null ? Map.of() : Map.copyOf(object);
        external = external == null ? Map.of() : Map.copyOf(external);
    }

    public static MetricReads none() {
        return new MetricReads(null, null, null, null);
    }

    /** metrics.k8s.io PodMetrics list, or the error fetching it. */
    public record ResourceRead(List<PodUsage> pods, String error) {
        public ResourceRead {
            pods = pods == null ? List.of() : List.copyOf(pods);
        }
    }

    /** One PodMetrics item: per-container usage measured at timestamp over window. */
    public record PodUsage(String pod, Instant timestamp, Duration window, List<ContainerUsage> containers) {
        public PodUsage {
            containers = containers == null ? List.of() : List.copyOf(containers);
        }
    }

    /** One container's usage by resource name (cpu, memory). */
    public record ContainerUsage(String name, Map<String, Quantity> usage) {
        public ContainerUsage {
            usage = usage == null ? Map.of() : Map.copyOf(usage);
        }
    }

    /** Pods metric values by pod name, or the error fetching them. */
    public record PodsRead(Map<String, Quantity> values, Instant timestamp, String error) {
        public PodsRead {
            values = values == null ? Map.of() : Map.copyOf(values);
        }
    }

    /** A single object metric value, or the error fetching it. */
    public record ValueRead(Quantity value, Instant timestamp, String error) {
    }

    /** All external series values matching the selector, or the error fetching them. */
    public record SeriesRead(List<Quantity> values, Instant timestamp, String error) {
        public SeriesRead {
            values = values == null ? List.of() : List.copyOf(values);
        }
    }
}
