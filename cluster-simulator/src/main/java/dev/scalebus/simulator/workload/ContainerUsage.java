package dev.scalebus.simulator.workload;

import java.time.Instant;

/** One consistent reading of a container: what both kubelet endpoints render. */
public record ContainerUsage(String name, Instant startTime, long cpuUsageCoreNanoSeconds, long cpuUsageNanoCores,
        long memoryWorkingSetBytes) {
}
