package dev.scalebus.metricsapi.lag;

import java.util.Map;

/**
 * What the broker says about one consumer group and its topics.
 *
 * @param committed the group's committed offset per partition; a partition without one is absent
 * @param latest    the log-end offset of every partition of the topics asked about
 */
public record GroupOffsets(Map<Partition, Long> committed, Map<Partition, Long> latest) {

    public GroupOffsets {
        committed = Map.copyOf(committed);
        latest = Map.copyOf(latest);
    }
}
