package dev.scalebus.simulator.workload;

import java.time.Instant;

/** What a container uses at an instant; counters integrate {@link #cpuNanoCores} over wall time. */
public interface UsageModel {

    double cpuNanoCores(SimPod pod, SimContainer container, Instant at);

    long memoryWorkingSetBytes(SimPod pod, SimContainer container, Instant at);

    /** Requests per second the container serves at {@code at} (counted by its {@link RequestCounters}). */
    default double requestsPerSecond(SimPod pod, SimContainer container, Instant at) {
        return 0;
    }

    /** A constant usage, e.g. for the per-node filler pods that only live on kubelets. */
    static UsageModel constant(double millicores, long workingSetBytes) {
        return new UsageModel() {
            @Override
            public double cpuNanoCores(SimPod pod, SimContainer container, Instant at) {
                return millicores * 1e6;
            }

            @Override
            public long memoryWorkingSetBytes(SimPod pod, SimContainer container, Instant at) {
                return workingSetBytes;
            }
        };
    }
}
