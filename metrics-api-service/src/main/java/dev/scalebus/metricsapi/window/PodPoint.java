package dev.scalebus.metricsapi.window;

import java.util.List;
import java.util.Map;

/**
 * A pod as served: the earliest container timestamp and that container's window (as metrics-server's
 * {@code GetContainerMetrics}), and every container's usage in the order the kubelet reported them.
 */
public record PodPoint(PodKey key, Map<String, String> labels, long timestampMillis, long windowMillis,
        List<ContainerUsage> containers) {
}
