package dev.scalebus.simulator.workload;

import java.time.Duration;

/**
 * How one Deployment's pods consume resources.
 *
 * @param cpuMillicoreSecondsPerRequest CPU time one request costs (1000 = one core for one second)
 * @param idleMillicores                CPU a ready pod burns with no traffic
 * @param startupMillicores             CPU a pod burns from start until it is Ready (JIT, caches: what the HPA's
 *                                      cpu-initialization-period exists for)
 * @param memoryBaseBytes               working set of an idle pod
 * @param memoryBytesPerRps             extra working set per request/s the pod serves
 * @param readyDelay                    time from pod start to Ready (wall time)
 * @param terminationGrace              time a deleted pod stays (with deletionTimestamp) before it goes away
 */
public record WorkloadSpec(double cpuMillicoreSecondsPerRequest, double idleMillicores, double startupMillicores,
        long memoryBaseBytes, long memoryBytesPerRps, Duration readyDelay, Duration terminationGrace) {

    public static final WorkloadSpec DEFAULT = new WorkloadSpec(1.0, 2.0, 200.0, 64L << 20, 64L << 10,
            Duration.ofSeconds(5), Duration.ofSeconds(2));

    public WorkloadSpec {
        if (cpuMillicoreSecondsPerRequest < 0 || idleMillicores < 0 || startupMillicores < 0) {
            throw new IllegalArgumentException("cpu figures must be >= 0");
        }
        if (memoryBaseBytes < 0 || memoryBytesPerRps < 0) {
            throw new IllegalArgumentException("memory figures must be >= 0");
        }
        if (readyDelay == null || readyDelay.isNegative() || terminationGrace == null || terminationGrace.isNegative()) {
            throw new IllegalArgumentException("readyDelay and terminationGrace must be >= 0");
        }
    }

    public WorkloadSpec withReadyDelay(Duration delay) {
        return new WorkloadSpec(cpuMillicoreSecondsPerRequest, idleMillicores, startupMillicores, memoryBaseBytes,
                memoryBytesPerRps, delay, terminationGrace);
    }

    public WorkloadSpec withTerminationGrace(Duration grace) {
        return new WorkloadSpec(cpuMillicoreSecondsPerRequest, idleMillicores, startupMillicores, memoryBaseBytes,
                memoryBytesPerRps, readyDelay, grace);
    }
}
