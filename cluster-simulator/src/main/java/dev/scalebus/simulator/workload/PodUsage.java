package dev.scalebus.simulator.workload;

import java.time.Instant;
import java.util.List;

/** One consistent reading of a pod; pod totals are the sum of its containers plus retired (restarted) usage. */
public record PodUsage(SimPod pod, Instant startTime, List<ContainerUsage> containers, long cpuUsageCoreNanoSeconds,
        long cpuUsageNanoCores, long memoryWorkingSetBytes) {
}
