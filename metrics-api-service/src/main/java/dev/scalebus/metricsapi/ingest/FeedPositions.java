package dev.scalebus.metricsapi.ingest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/** A {@link ScrapeFeed}'s partition arithmetic: the rebuild seek, the caught-up test, the lag. */
final class FeedPositions {

    private FeedPositions() {
    }

    /** Assigns every partition and seeks it to {@code sinceMillis}; returns the end offsets to catch up with. */
    static Map<TopicPartition, Long> rebuild(KafkaConsumer<String, byte[]> c, String topic, long sinceMillis,
            FeedHealth health) {
        List<PartitionInfo> infos = c.partitionsFor(topic, health.stepBound());
        health.ticked();
        List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(i.topic(), i.partition()))
                .toList();
        if (partitions.isEmpty()) {
            // never "caught up" with a topic that does not exist yet: retry from the top of the loop
            throw new IllegalStateException("topic " + topic + " has no partitions yet");
        }
        c.assign(partitions);
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(p -> query.put(p, sinceMillis));
        Map<TopicPartition, OffsetAndTimestamp> found = c.offsetsForTimes(query, health.stepBound());
        health.ticked();
        Map<TopicPartition, Long> end = c.endOffsets(partitions, health.stepBound());
        for (TopicPartition p : partitions) {
            OffsetAndTimestamp at = found.get(p);
            c.seek(p, at != null ? at.offset() : end.get(p)); // nothing newer: start at the end
        }
        return end;
    }

    static boolean reached(KafkaConsumer<String, byte[]> c, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (c.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    static long lag(KafkaConsumer<String, byte[]> c, Map<TopicPartition, Long> end) {
        long total = 0;
        for (TopicPartition p : end.keySet()) {
            OptionalLong l = c.currentLag(p);
            total += l.orElse(0);
        }
        return total;
    }
}
