package dev.scalebus.metricsapi.window;

/** One container's usage as served: CPU rate in nanocores and memory working set in bytes. */
public record ContainerUsage(String name, long cpuNanoCores, long memoryWorkingSetBytes) {
}
