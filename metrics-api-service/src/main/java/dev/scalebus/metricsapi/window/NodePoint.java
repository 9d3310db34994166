package dev.scalebus.metricsapi.window;

/**
 * The latest usable point of one node: a CPU rate over a measured window and the memory working set.
 *
 * @param name                  the Node's name
 * @param timestampMillis       the kubelet's measurement time, epoch milliseconds
 * @param windowMillis          the interval the CPU rate was measured over, milliseconds
 * @param cpuNanoCores          CPU usage rate in nanocores
 * @param memoryWorkingSetBytes memory working set in bytes
 * @param seenMillis            the scrape time of the event that carried the point (drives expiry)
 */
public record NodePoint(String name, long timestampMillis, long windowMillis, long cpuNanoCores,
        long memoryWorkingSetBytes, long seenMillis) {
}
