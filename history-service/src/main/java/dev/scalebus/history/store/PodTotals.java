package dev.scalebus.history.store;

import dev.scalebus.events.ContainerSample;
import java.util.List;

/**
 * A pod's usage and requests summed over its containers. Usage is null when any container lacks a value: a partial
 * sum would under-report, and metrics-server likewise drops a pod with a container missing.
 */
record PodTotals(Long cpuNanoCores, Long memoryWorkingSetBytes, Long cpuRequestMilliCores, Long memoryRequestBytes) {

    static PodTotals of(List<ContainerSample> containers) {
        if (containers.isEmpty()) {
            return new PodTotals(null, null, null, null);
        }
        return new PodTotals(
                sumAll(containers.stream().map(ContainerSample::cpuNanoCores).toList()),
                sumAll(containers.stream().map(ContainerSample::memoryWorkingSetBytes).toList()),
                sumSet(containers.stream().map(ContainerSample::cpuRequestMilliCores).toList()),
                sumSet(containers.stream().map(ContainerSample::memoryRequestBytes).toList()));
    }

    /** The sum, or null when any value is missing. */
    private static Long sumAll(List<Long> values) {
        long sum = 0;
        for (Long v : values) {
            if (v == null) {
                return null;
            }
            sum += v;
        }
        return sum;
    }

    /** The sum of the values set (requests: an unset request counts 0), null when none is set. */
    private static Long sumSet(List<Long> values) {
        Long sum = null;
        for (Long v : values) {
            if (v != null) {
                sum = (sum == null ? 0 : sum) + v;
            }
        }
        return sum;
    }
}
