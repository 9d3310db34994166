package dev.scalebus.events;

import java.time.Instant;

/**
 * A node's usage at one kubelet measurement. Every number is optional: {@code /metrics/resource} gives CPU and
 * memory working set only, {@code /stats/summary} gives the rest too.
 *
 * @param timestamp               the kubelet's measurement time
 * @param windowMillis            the time between the two measurements {@code cpuNanoCores} is the rate over, in
 *                                milliseconds; null when there is no rate yet
 * @param cpuNanoCores            CPU usage rate in nanocores (1e-9 cores) over the window
 * @param cpuUsageCoreNanoSeconds cumulative CPU time in core-nanoseconds since an arbitrary start
 * @param memoryWorkingSetBytes   memory working set in bytes (what kubectl top and the HPA use)
 * @param memoryUsageBytes        total memory usage in bytes, page cache included
 * @param memoryRssBytes          anonymous and swap cache memory in bytes
 * @param networkRxBytes          cumulative bytes received over all interfaces
 * @param networkTxBytes          cumulative bytes transmitted over all interfaces
 * @param fsUsedBytes             bytes used on the node's root filesystem
 * @param fsCapacityBytes         capacity of the node's root filesystem in bytes
 */
public record NodeUsage(
        Instant timestamp,
        Long windowMillis,
        Long cpuNanoCores,
        Long cpuUsageCoreNanoSeconds,
        Long memoryWorkingSetBytes,
        Long memoryUsageBytes,
        Long memoryRssBytes,
        Long networkRxBytes,
        Long networkTxBytes,
        Long fsUsedBytes,
        Long fsCapacityBytes) {

    public NodeUsage {
        Required.field(timestamp, "NodeUsage", "timestamp");
    }
}
