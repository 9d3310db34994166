package dev.scalebus.collector.rate;

import java.time.Instant;

/**
 * One cumulative CPU reading, as kept between scrapes.
 *
 * @param startTime               when the container incarnation started; null for nodes or when unknown
 * @param timestamp               the kubelet's measurement time
 * @param cpuUsageCoreNanoSeconds cumulative CPU time
 * @param kubeletNanoCores        the kubelet's own rate for this reading, if it gave one
 */
public record CumulativePoint(Instant startTime, Instant timestamp, long cpuUsageCoreNanoSeconds,
        Long kubeletNanoCores) {
}
