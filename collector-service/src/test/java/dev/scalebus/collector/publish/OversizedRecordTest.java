package dev.scalebus.collector.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scalebus.collector.config.Settings;
import dev.scalebus.collector.ops.CollectorMetrics;
import dev.scalebus.events.EventJson;
import dev.scalebus.events.NodeScrape;
import dev.scalebus.events.PodSample;
import dev.scalebus.events.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * Issue #14's "a permanently failing record is dropped and counted alone" through the real shared broker and a
 * producer with exactly the {@code scalebus.node-scrapes} settings of application.properties (a topic of this run,
 * limited to {@value #TOPIC_MAX_MESSAGE_BYTES} bytes per batch like a broker with a small message.max.bytes). One
 * node's scrape is refused by the broker (larger than the topic's limit, smaller than the producer's
 * max.request.size), another's by the producer itself (larger than max.request.size): both are dropped and counted
 * as record-too-large, each sent once, while every record of the other nodes, in the same cycles and after them,
 * reaches the topic. Before the fix they went back to the head of the buffer for ever.
 */
class OversizedRecordTest {

    private static final String BOOTSTRAP = System.getenv().getOrDefault("SCALEBUS_KAFKA_BOOTSTRAP",
            "127.0.0.1:9092");
    private static final int TOPIC_MAX_MESSAGE_BYTES = 256 * 1024;
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final List<String> HEALTHY = List.of("node-a", "node-b", "node-c");
    private static final int CYCLES = 5;

    @Test
    void aRecordTooLargeForTheBrokerOrTheProducerIsDroppedAloneWhileTheOtherNodesArrive() throws Exception {
        String topic = "collector-oversized-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", BOOTSTRAP))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
                    .configs(Map.of("max.message.bytes", String.valueOf(TOPIC_MAX_MESSAGE_BYTES))))).all().get();
        }
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CollectorMetrics metrics = new CollectorMetrics(registry);
        NodeScrape brokerRefuses = scrape("node-big", 0, 600 * 1024); // over the topic's limit even compressed
        NodeScrape producerRefuses = scrape("node-huge", 0, 1200 * 1024); // over max.request.size (1 MiB)
        assertThat(EventJson.toBytes(brokerRefuses).length).isBetween(600 * 1024, 1000 * 1024);
        assertThat(EventJson.toBytes(producerRefuses).length).isGreaterThan(1 << 20);
        List<NodeScrape> healthy = new ArrayList<>();
        try (ProducerEmitter emitter = new ProducerEmitter(Topics.NODE_SCRAPES, BOOTSTRAP, topic)) {
            NodeScrapePublisher publisher = new NodeScrapePublisher(emitter,
                    Settings.defaults().withPublishBuffer(64L << 20, Duration.ofSeconds(5)), metrics);
            publisher.start();
            try {
                for (int cycle = 0; cycle < CYCLES; cycle++) {
                    for (String node : HEALTHY) {
                        healthy.add(scrape(node, cycle, 0));
                        publisher.publish(healthy.get(healthy.size() - 1));
                        if (cycle == 1 && node.equals("node-a")) {
                            publisher.publish(brokerRefuses);
                            publisher.publish(producerRefuses);
                        }
                    }
                }
                Map<String, List<Instant>> received = consume(topic, healthy.size());

                for (String node : HEALTHY) {
                    assertThat(received.get(node)).as("every cycle of " + node).containsExactlyInAnyOrderElementsOf(
                            healthy.stream().filter(s -> s.nodeName().equals(node)).map(NodeScrape::scrapeTime)
                                    .toList());
                }
                assertThat(received).doesNotContainKeys("node-big", "node-huge");
                await().atMost(Duration.ofSeconds(30)).until(() ->
                        metrics.publishing().dropped(PublishFailures.RECORD_TOO_LARGE) == 2);
                assertThat(registry.get("scalebus.collector.publish.dropped").tag("reason", "record-too-large")
                        .counter().count()).isEqualTo(2);
                assertThat(metrics.publishing().droppedBytes(PublishFailures.RECORD_TOO_LARGE)).isEqualTo(
                        (double) "node-big".length() + EventJson.toBytes(brokerRefuses).length
                                + "node-huge".length() + EventJson.toBytes(producerRefuses).length);
                assertThat(metrics.publishedCount()).isEqualTo(healthy.size());
                assertThat(publisher.buffer().size()).isZero();
                assertThat(metrics.publishing().dropped(PublishFailures.BUFFER_FULL)).isZero();
                assertThat(publisher.stop()).as("nothing left for shutdown").isEqualTo(PublishBuffer.Removed.NONE);
            } finally {
                publisher.stop();
            }
        }
    }

    @Test
    void shutdownFlushesTheBufferToTheBrokerBeforeStopping() throws Exception {
        String topic = "collector-flush-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", BOOTSTRAP))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        CollectorMetrics metrics = new CollectorMetrics(new SimpleMeterRegistry());
        int records = 500;
        try (ProducerEmitter emitter = new ProducerEmitter(Topics.NODE_SCRAPES, BOOTSTRAP, topic)) {
            NodeScrapePublisher publisher = new NodeScrapePublisher(emitter,
                    Settings.defaults().withPublishBuffer(64L << 20, Duration.ofSeconds(20)), metrics);
            publisher.start();
            for (int i = 0; i < records; i++) {
                publisher.publish(scrape(HEALTHY.get(i % 3), i / 3, 0));
            }

            PublishBuffer.Removed left = publisher.stop(); // right away: most records are still buffered

            assertThat(left).isEqualTo(PublishBuffer.Removed.NONE);
            assertThat(metrics.publishedCount()).isEqualTo(records);
            assertThat(metrics.publishing().dropped(PublishFailures.SHUTDOWN)).isZero();
        }
        assertThat(consume(topic, records).values().stream().mapToInt(List::size).sum()).isEqualTo(records);
    }

    /** A scrape of {@code node} padded with pods carrying random label values up to about {@code bytes}. */
    private static NodeScrape scrape(String node, int cycle, int bytes) {
        List<PodSample> pods = new ArrayList<>();
        for (int size = 0; size < bytes; size += 40 * 40) {
            Map<String, String> labels = new LinkedHashMap<>();
            for (int i = 0; i < 40; i++) {
                labels.put("l" + i, UUID.randomUUID().toString()); // random hex: lz4 cannot shrink it much
            }
            pods.add(new PodSample("ns", "pod-" + pods.size(), null, labels, null, "Running", true, null, null,
                    false, List.of()));
        }
        return NodeScrape.of(node, T0.plusSeconds(15L * cycle), 5, NodeScrape.SOURCE_METRICS_RESOURCE, null, pods);
    }

    /** Every record of the topic, per key, once {@code count} arrived and one more poll brings nothing. */
    private static Map<String, List<Instant>> consume(String topic, int count) {
        Map<String, List<Instant>> byNode = new LinkedHashMap<>();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "collector-oversized-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            int[] seen = {0};
            await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).until(() -> {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    NodeScrape scrape = EventJson.fromBytes(r.value(), NodeScrape.class);
                    byNode.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(scrape.scrapeTime());
                    seen[0]++;
                }
                return seen[0] >= count;
            });
            assertThat(consumer.poll(Duration.ofSeconds(2))).isEmpty();
        }
        return byNode;
    }
}
