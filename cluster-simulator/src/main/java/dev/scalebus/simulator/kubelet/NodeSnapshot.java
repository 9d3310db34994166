package dev.scalebus.simulator.kubelet;

import dev.scalebus.simulator.workload.PodUsage;
import java.time.Instant;
import java.util.List;

/**
 * One consistent reading of a node, rendered by both endpoints.
 *
 * @param podsCpuUsageCoreNanoSeconds the "pods" system container: all pods, alive and gone
 * @param kubeletCpuUsageCoreNanoSeconds the "kubelet" system container (constant overhead)
 */
public record NodeSnapshot(SimNode node, Instant at, List<PodUsage> pods, long cpuUsageCoreNanoSeconds,
        long cpuUsageNanoCores, long memoryWorkingSetBytes, long podsCpuUsageCoreNanoSeconds, long podsCpuUsageNanoCores,
        long podsMemoryWorkingSetBytes, long kubeletCpuUsageCoreNanoSeconds, long kubeletCpuUsageNanoCores) {

    /** The same reading stamped with another time (a kubelet whose clock is skewed). */
    public NodeSnapshot at(Instant time) {
        return new NodeSnapshot(node, time, pods, cpuUsageCoreNanoSeconds, cpuUsageNanoCores, memoryWorkingSetBytes,
                podsCpuUsageCoreNanoSeconds, podsCpuUsageNanoCores, podsMemoryWorkingSetBytes,
                kubeletCpuUsageCoreNanoSeconds, kubeletCpuUsageNanoCores);
    }
}
