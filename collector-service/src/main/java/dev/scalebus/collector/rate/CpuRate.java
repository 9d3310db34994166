package dev.scalebus.collector.rate;

/**
 * A CPU usage rate.
 *
 * @param cpuNanoCores rate in nanocores
 * @param windowMillis the time between the two cumulative points it came from; null when the kubelet computed the
 *                     rate itself (Summary API {@code usageNanoCores}) and did not say over which window
 */
public record CpuRate(long cpuNanoCores, Long windowMillis) {
}
