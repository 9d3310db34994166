package dev.scalebus.collector.scrape;

import java.time.Instant;

/**
 * One container's numbers from one kubelet answer. A field the kubelet did not give (or gave as 0, which the
 * kubelet uses for "no data", see metrics-server decode.go checkContainerMetrics) is null.
 *
 * @param cpuNanoCores the kubelet's own rate ({@code usageNanoCores}, Summary API only)
 */
public record ContainerPoint(
        String name,
        Instant startTime,
        Instant timestamp,
        Long cpuUsageCoreNanoSeconds,
        Long cpuNanoCores,
        Long memoryWorkingSetBytes) {
}
