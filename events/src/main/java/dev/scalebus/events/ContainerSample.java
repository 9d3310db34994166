package dev.scalebus.events;

import java.time.Instant;

/**
 * One container's usage at one kubelet measurement, with its resource requests and limits.
 *
 * @param name                    the container's name
 * @param sidecar                 true for a restartable init container (a sidecar), whose requests count for the HPA
 * @param startTime               when the container (this incarnation of it) started; a new value means a restart
 * @param timestamp               the kubelet's measurement time; null when the kubelet gave no sample
 * @param windowMillis            the time between the two measurements {@code cpuNanoCores} is the rate over, in
 *                                milliseconds; null when there is no rate yet
 * @param cpuNanoCores            CPU usage rate in nanocores over the window; null until a rate is known
 * @param cpuUsageCoreNanoSeconds cumulative CPU time of this incarnation in core-nanoseconds
 * @param memoryWorkingSetBytes   memory working set in bytes
 * @param cpuRequestMilliCores    spec resources.requests.cpu in millicores; null when not set
 * @param cpuLimitMilliCores      spec resources.limits.cpu in millicores; null when not set
 * @param memoryRequestBytes      spec resources.requests.memory in bytes; null when not set
 * @param memoryLimitBytes        spec resources.limits.memory in bytes; null when not set
 */
public record ContainerSample(
        String name,
        boolean sidecar,
        Instant startTime,
        Instant timestamp,
        Long windowMillis,
        Long cpuNanoCores,
        Long cpuUsageCoreNanoSeconds,
        Long memoryWorkingSetBytes,
        Long cpuRequestMilliCores,
        Long cpuLimitMilliCores,
        Long memoryRequestBytes,
        Long memoryLimitBytes) {

    public ContainerSample {
        Required.text(name, "ContainerSample", "name");
    }
}
