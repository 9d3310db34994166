package dev.scalebus.e2e;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The suite's own view of the chaos broker: what was published in a time window, and poison to publish. */
final class Topics {

    static final String NODE_SCRAPES = "scalebus.node-scrapes";
    static final String DECISIONS = "scalebus.scaling-decisions";
    static final String CUSTOM_SAMPLES = "scalebus.custom-samples";
    static final String DEAD_LETTER = "scalebus.dead-letter";

    private final String bootstrap;

    Topics(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** A record as read: value as text, headers as text. */
    record Read(String topic, int partition, long offset, Instant timestamp, String key, String value,
            Map<String, String> headers) {
    }

    /** Every record of {@code topic} whose broker timestamp is in [from, to), read to the current end. */
    List<Read> read(String topic, Instant from, Instant to) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(8 << 20));
        List<Read> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            Map<TopicPartition, Long> times = new HashMap<>();
            parts.forEach(tp -> times.put(tp, from.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> starts = c.offsetsForTimes(times, Duration.ofSeconds(30));
            Map<TopicPartition, Long> ends = c.endOffsets(parts, Duration.ofSeconds(30));
            Map<TopicPartition, Long> positions = new HashMap<>();
            for (TopicPartition tp : parts) {
                OffsetAndTimestamp s = starts.get(tp);
                long start = s == null ? ends.get(tp) : s.offset();
                c.seek(tp, start);
                positions.put(tp, start);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (parts.stream().anyMatch(tp -> positions.get(tp) < ends.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofSeconds(2))) {
                    if (r.timestamp() < to.toEpochMilli() && r.timestamp() >= from.toEpochMilli()) {
                        Map<String, String> headers = new HashMap<>();
                        for (Header h : r.headers()) {
                            headers.put(h.key(), h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8));
                        }
                        out.add(new Read(r.topic(), r.partition(), r.offset(), Instant.ofEpochMilli(r.timestamp()),
                                r.key(), r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8),
                                headers));
                    }
                }
                // the consumer's position, not the last record's offset + 1: a batch may end in offsets that are not
                // returned as records (control records, compacted gaps), and waiting for them runs into the deadline
                for (TopicPartition tp : parts) {
                    positions.put(tp, c.position(tp));
                }
            }
        }
        return out;
    }

    /** Publishes one record as a misbehaving producer would (acks=all, max.request.size raised to 32 MiB). */
    RecordMetadata publish(String topic, String key, byte[] value) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(32 << 20));
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(64L << 20));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "20000");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                new ByteArraySerializer())) {
            return producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    RecordMetadata publish(String topic, String key, String value) throws Exception {
        return publish(topic, key, value.getBytes(StandardCharsets.UTF_8));
    }
}
