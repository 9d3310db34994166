package dev.scalebus.collector.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scalebus.collector.config.Settings;
import dev.scalebus.collector.ops.CollectorMetrics;
import dev.scalebus.events.EventJson;
import dev.scalebus.events.NodeScrape;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #4's "a broker stop/start loses no cycle within the buffer bound" against a real broker: a throw-away
 * single-node KRaft broker of this test (the shared one is never touched), a NodeScrapePublisher whose Kafka
 * producer has exactly the settings of application.properties, the broker stopped while cycles keep coming and
 * started again on the same port and data. The SmallRye connector between Emitter and producer is replaced by
 * {@link ProducerEmitter}, which sends on its own thread and acks/nacks from the producer callback as the connector
 * does.
 */
class BrokerRestartTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final List<String> NODES = List.of("node-a", "node-b", "node-c");
    private static final int BOUND = 60;
    private static final int CYCLES = 50;

    private static ThrowawayKafka kafka;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = new ThrowawayKafka();
        kafka.start();
    }

    @AfterAll
    static void removeBroker() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void stopStartLosesNoCycleWithinTheBoundAndDropsTheOldestBeyondIt() throws Exception {
        String topic = "collector-restart-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", kafka.bootstrap()))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        }
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CollectorMetrics metrics = new CollectorMetrics(registry);
        try (ProducerEmitter emitter = new ProducerEmitter(Topics.NODE_SCRAPES, kafka.bootstrap(),
                topic)) {
            NodeScrapePublisher publisher = new NodeScrapePublisher(emitter,
                    Settings.defaults().withPublishBuffer(BOUND * recordBytes(), Duration.ofSeconds(5)), metrics);
            publisher.start();
            try {
                List<NodeScrape> entries = new ArrayList<>();
                for (int i = 0; i < CYCLES * NODES.size(); i++) {
                    entries.add(NodeScrape.of(NODES.get(i % 3), T0.plusSeconds(15L * (i / 3)), 5,
                            NodeScrape.SOURCE_METRICS_RESOURCE, null, List.of()));
                }
                entries.subList(0, 3).forEach(publisher::publish); // one cycle while the broker is up
                await().atMost(Duration.ofSeconds(30)).until(() -> metrics.publishedCount() == 3);

                kafka.stop();
                entries.subList(3, entries.size()).forEach(publisher::publish); // never blocks
                long dropped = publisher.buffer().dropped();
                // up to MAX_IN_FLIGHT wait in the producer, BOUND in the buffer, the oldest of the rest are dropped
                assertThat(dropped).isGreaterThanOrEqualTo(entries.size() - 3 - NodeScrapePublisher.MAX_IN_FLIGHT
                        - BOUND);
                kafka.start();

                List<NodeScrape> newest = entries.subList(entries.size() - BOUND, entries.size());
                Map<String, List<Instant>> received = consume(topic,
                        entries.size() - (int) publisher.buffer().dropped());
                long total = received.values().stream().mapToLong(List::size).sum();
                assertThat(total + publisher.buffer().dropped()).as("every cycle either arrived or was counted as"
                        + " dropped").isEqualTo(entries.size());
                assertThat(registry.get("scalebus.collector.publish.dropped").tag("reason", "buffer-full").counter()
                        .count()).isEqualTo(publisher.buffer().dropped());
                assertThat(registry.get("scalebus.collector.publish.dropped.bytes").tag("reason", "buffer-full")
                        .counter().count()).isEqualTo(publisher.buffer().dropped() * recordBytes());
                for (String node : NODES) {
                    List<Instant> times = received.get(node);
                    assertThat(times).as("cycles of " + node + " arrive exactly once").doesNotHaveDuplicates()
                            .contains(T0) // the cycle before the outage
                            .containsAll(newest.stream().filter(s -> s.nodeName().equals(node))
                                    .map(NodeScrape::scrapeTime).toList()); // the buffered ones
                }
                assertThat(metrics.publishedCount()).isEqualTo(total);
            } finally {
                publisher.stop();
            }
        }
    }

    @Test
    void anOutageWithinTheBoundLosesNothing() throws Exception {
        String topic = "collector-restart-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", kafka.bootstrap()))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        }
        CollectorMetrics metrics = new CollectorMetrics(new SimpleMeterRegistry());
        try (ProducerEmitter emitter = new ProducerEmitter(Topics.NODE_SCRAPES, kafka.bootstrap(),
                topic)) {
            NodeScrapePublisher publisher = new NodeScrapePublisher(emitter,
                    Settings.defaults().withPublishBuffer(10L * CYCLES * NODES.size() * recordBytes(),
                            Duration.ofSeconds(5)), metrics);
            publisher.start();
            try {
                publisher.publish(NodeScrape.of("node-a", T0, 5, NodeScrape.SOURCE_METRICS_RESOURCE, null, List.of()));
                await().atMost(Duration.ofSeconds(30)).until(() -> metrics.publishedCount() == 1);
                kafka.stop();
                List<NodeScrape> outage = new ArrayList<>();
                for (int i = 0; i < CYCLES * NODES.size(); i++) {
                    outage.add(NodeScrape.of(NODES.get(i % 3), T0.plusSeconds(15L * (1 + i / 3)), 5,
                            NodeScrape.SOURCE_METRICS_RESOURCE, null, List.of()));
                }
                outage.forEach(publisher::publish);
                kafka.start();

                Map<String, List<Instant>> received = consume(topic, 1 + outage.size());
                assertThat(publisher.buffer().dropped()).isZero();
                for (String node : NODES) {
                    List<Instant> expected = new ArrayList<>(node.equals("node-a") ? List.of(T0) : List.of());
                    outage.stream().filter(s -> s.nodeName().equals(node)).map(NodeScrape::scrapeTime)
                            .forEach(expected::add);
                    // exactly once; the order is the scrape order unless a nack re-sent a record (README)
                    assertThat(received.get(node)).as("cycles of " + node)
                            .containsExactlyInAnyOrderElementsOf(expected);
                }
            } finally {
                publisher.stop();
            }
        }
    }

    /** What each record of these tests weighs in the buffer (all have node names and times of the same length). */
    private static long recordBytes() {
        return "node-a".length() + EventJson.toBytes(NodeScrape.of("node-a", T0, 5, NodeScrape.SOURCE_METRICS_RESOURCE,
                null, List.of())).length;
    }

    /** Every record of the topic from the beginning, per key, once {@code count} arrived and nothing more does. */
    private static Map<String, List<Instant>> consume(String topic, int count) {
        Map<String, List<Instant>> byNode = new LinkedHashMap<>();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "collector-restart-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            int[] seen = {0};
            await().atMost(Duration.ofSeconds(90)).pollDelay(Duration.ZERO).until(() -> {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    NodeScrape scrape = EventJson.fromBytes(r.value(), NodeScrape.class);
                    assertThat(r.key()).isEqualTo(scrape.nodeName());
                    byNode.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(scrape.scrapeTime());
                    seen[0]++;
                }
                return seen[0] >= count;
            });
            // a duplicate would come with or right after the others: one more poll round must bring nothing
            assertThat(consumer.poll(Duration.ofSeconds(2))).isEmpty();
        }
        return byNode;
    }
}
