package dev.scalebus.collector.scrape;

import java.time.Instant;

/**
 * The node's own numbers from one kubelet answer, as decoded (no rate computed yet). Every number is optional:
 * {@code /metrics/resource} has cumulative CPU and working set only.
 */
public record NodePoint(
        Instant timestamp,
        Long cpuUsageCoreNanoSeconds,
        Long cpuNanoCores,
        Long memoryWorkingSetBytes,
        Long memoryUsageBytes,
        Long memoryRssBytes,
        Long networkRxBytes,
        Long networkTxBytes,
        Long fsUsedBytes,
        Long fsCapacityBytes) {
}
