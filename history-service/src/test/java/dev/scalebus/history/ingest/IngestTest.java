package dev.scalebus.history.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scalebus.events.EventJson;
import dev.scalebus.events.NodeScrape;
import dev.scalebus.events.ScalingDecision;
import dev.scalebus.events.Topics;
import dev.scalebus.history.Db;
import dev.scalebus.history.TestData;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Events on the real topics end up as rows in the real database, once; poison goes to the dead-letter topic. */
@QuarkusTest
class IngestTest {

    @Inject
    AgroalDataSource ds;

    @Inject
    KafkaClientService kafka;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    KafkaProducer<String, String> producer;

    @BeforeEach
    void connect() {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("acks", "all");
        producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        // the test consumer group starts at the latest offsets: produce only once it owns its partitions
        for (String channel : List.of(Topics.NODE_SCRAPES, Topics.SCALING_DECISIONS)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> !kafka.getConsumer(channel).getAssignments()
                    .await().atMost(Duration.ofSeconds(10)).isEmpty());
        }
    }

    @AfterEach
    void close() {
        producer.close();
    }

    private void send(String topic, String key, String value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value)).get();
    }

    @Test
    void storesNodePodAndContainerSamplesOfAScrape() throws Exception {
        String node = TestData.unique("node-in");
        String ns = TestData.unique("ns-in");
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        NodeScrape scrape = TestData.scrape(node, ns, t, 3, 1);
        send(Topics.NODE_SCRAPES, node, EventJson.toJson(scrape));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                Db.count(ds, "SELECT count(*) FROM container_samples WHERE namespace = ?", ns)).isEqualTo(6));
        assertThat(Db.count(ds, "SELECT count(*) FROM pod_samples WHERE namespace = ?", ns)).isEqualTo(3);
        assertThat(Db.count(ds, "SELECT count(*) FROM node_samples WHERE node = ? AND cpu_nano_cores = ?", node,
                scrape.node().cpuNanoCores())).isEqualTo(1);
        // a ReplicaSet owner with pod-template-hash counts for its Deployment
        assertThat(Db.count(ds, "SELECT count(*) FROM pod_samples WHERE namespace = ? AND workload_kind = "
                + "'Deployment' AND workload_name = 'web' AND cpu_nano_cores = ?", ns,
                scrape.pods().get(0).containers().stream().mapToLong(c -> c.cpuNanoCores()).sum())).isEqualTo(1);
    }

    @Test
    void redeliveredScrapeAndDecisionCreateNoDuplicates() throws Exception {
        String node = TestData.unique("node-dup");
        String ns = TestData.unique("ns-dup");
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String scrape = EventJson.toJson(TestData.scrape(node, ns, t, 2, 2));
        ScalingDecision d = TestData.decision(UUID.randomUUID().toString(), ns, "web", t, 2, 4, 4);
        send(Topics.NODE_SCRAPES, node, scrape);
        send(Topics.NODE_SCRAPES, node, scrape);
        send(Topics.SCALING_DECISIONS, d.key(), EventJson.toJson(d));
        send(Topics.SCALING_DECISIONS, d.key(), EventJson.toJson(d));
        // a marker after the copies: once it is stored, both copies have been consumed
        String marker = TestData.unique("node-marker");
        send(Topics.NODE_SCRAPES, node, EventJson.toJson(TestData.scrape(node, marker, t.plusSeconds(15), 1, 3)));
        ScalingDecision markerDecision = TestData.decision(UUID.randomUUID().toString(), ns, "web", t.plusSeconds(1),
                4, 4, null);
        send(Topics.SCALING_DECISIONS, d.key(), EventJson.toJson(markerDecision));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(Db.count(ds, "SELECT count(*) FROM pod_samples WHERE namespace = ?", marker)).isEqualTo(1);
            assertThat(Db.count(ds, "SELECT count(*) FROM decisions WHERE id = ?", markerDecision.id())).isEqualTo(1);
        });
        assertThat(Db.count(ds, "SELECT count(*) FROM container_samples WHERE namespace = ?", ns)).isEqualTo(4);
        assertThat(Db.count(ds, "SELECT count(*) FROM pod_samples WHERE namespace = ?", ns)).isEqualTo(2);
        assertThat(Db.count(ds, "SELECT count(*) FROM node_samples WHERE node = ? AND sample_time = ?", node, t))
                .isEqualTo(1);
        assertThat(Db.count(ds, "SELECT count(*) FROM decisions WHERE namespace = ? AND autoscaler = 'web'", ns))
                .isEqualTo(2);
        assertThat(Db.count(ds, "SELECT count(*) FROM decisions WHERE id = ? AND record->>'id' = ? "
                + "AND metrics->0->'target'->>'averageUtilization' = '60' AND applied_replicas = 4", d.id(), d.id()))
                .isEqualTo(1);
    }

    @Test
    void poisonEventGoesToDeadLetterWithReasonAndTheNextEventIsStored() throws Exception {
        String key = TestData.unique("node-poison");
        String ns = TestData.unique("ns-poison");
        String poison = "{\"schemaVersion\":1,\"nodeName\":\"" + key + "\",\"scrapeTime\":\"not a time\"}";
        send(Topics.NODE_SCRAPES, key, poison);
        send(Topics.NODE_SCRAPES, key, EventJson.toJson(TestData.scrape(key, ns, Instant.now(), 1, 4)));
        String decisionKey = TestData.unique("ns-poison") + "/hpa";
        send(Topics.SCALING_DECISIONS, decisionKey, "{ not json");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                Db.count(ds, "SELECT count(*) FROM pod_samples WHERE namespace = ?", ns)).isEqualTo(1));

        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("group.id", "history-dlq-check-" + UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        try (KafkaConsumer<String, String> dlq = new KafkaConsumer<>(p, new StringDeserializer(),
                new StringDeserializer())) {
            dlq.subscribe(List.of(Topics.DEAD_LETTER));
            Map<String, ConsumerRecord<String, String>> found = new java.util.HashMap<>();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                for (ConsumerRecord<String, String> r : dlq.poll(Duration.ofMillis(500))) {
                    if (key.equals(r.key()) || decisionKey.equals(r.key())) {
                        found.put(r.key(), r);
                    }
                }
                assertThat(found).containsKeys(key, decisionKey);
            });
            ConsumerRecord<String, String> dead = found.get(key);
            assertThat(dead.value()).isEqualTo(poison);
            assertThat(header(dead, DeadLetterReasonHandler.REASON_HEADER))
                    .contains("malformed NodeScrape event").contains("scrapeTime");
            assertThat(header(dead, "dead-letter-topic")).isEqualTo(Topics.NODE_SCRAPES);
            assertThat(header(found.get(decisionKey), DeadLetterReasonHandler.REASON_HEADER))
                    .contains("malformed ScalingDecision event");
        }
    }

    @Test
    void scrapeTheDatabaseRefusesIsDeadLetteredAndTheOthersAreStored() throws Exception {
        String key = TestData.unique("node-refused");
        String ns = TestData.unique("ns-refused");
        Instant t = Instant.now();
        // PostgreSQL text cannot hold NUL: valid JSON, valid event, refused by the database (SQLState 22xxx)
        send(Topics.NODE_SCRAPES, key, EventJson.toJson(TestData.scrape(key, ns + "\u0000bad", t, 1, 1)));
        send(Topics.NODE_SCRAPES, key, EventJson.toJson(TestData.scrape(key, ns, t, 1, 2)));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                Db.count(ds, "SELECT count(*) FROM pod_samples WHERE namespace = ?", ns)).isEqualTo(1));
        ConsumerRecord<String, String> dead = deadLetter(key);
        assertThat(header(dead, DeadLetterReasonHandler.REASON_HEADER)).startsWith("not stored:");
        assertThat(dead.value()).contains(ns);
    }

    @Test
    void outOfRangeScrapeAndDecisionAreDeadLetteredAndTheConsumersGoOn() throws Exception {
        String key = TestData.unique("node-future");
        String ns = TestData.unique("ns-future");
        // schema-valid, but year 10000 has no day partition name: once it crashed the channel for good
        String future = EventJson.toJson(TestData.scrape(key, ns + "-x", Instant.now(), 1, 1))
                .replaceFirst("\"scrapeTime\":\"[^\"]+\"", "\"scrapeTime\":\"+10000-01-01T00:00:00Z\"");
        send(Topics.NODE_SCRAPES, key, future);
        send(Topics.NODE_SCRAPES, key, EventJson.toJson(TestData.scrape(key, ns, Instant.now(), 1, 5)));
        String decisionNs = TestData.unique("ns-negative");
        ScalingDecision negative = TestData.decision(UUID.randomUUID().toString(), decisionNs, "web", Instant.now(),
                -1, 2, 2);
        ScalingDecision next = TestData.decision(UUID.randomUUID().toString(), decisionNs, "web", Instant.now(), 1, 2,
                2);
        send(Topics.SCALING_DECISIONS, negative.key(), EventJson.toJson(negative));
        send(Topics.SCALING_DECISIONS, next.key(), EventJson.toJson(next));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(Db.count(ds, "SELECT count(*) FROM pod_samples WHERE namespace = ?", ns)).isEqualTo(1);
            assertThat(Db.count(ds, "SELECT count(*) FROM decisions WHERE id = ?", next.id())).isEqualTo(1);
        });
        ConsumerRecord<String, String> dead = deadLetter(key);
        assertThat(header(dead, DeadLetterReasonHandler.REASON_HEADER))
                .startsWith("out of range: scrapeTime: +10000-01-01T00:00:00Z is later than now");
        assertThat(dead.value()).contains("+10000-01-01T00:00:00Z");
        assertThat(header(deadLetter(negative.key()), DeadLetterReasonHandler.REASON_HEADER))
                .isEqualTo("out of range: currentReplicas: negative (-1)");
        assertThat(Db.count(ds, "SELECT count(*) FROM decisions WHERE id = ?", negative.id())).isZero();
        dev.scalebus.history.Api.management().get("/q/health/live").then().statusCode(200);
    }

    private ConsumerRecord<String, String> deadLetter(String key) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("group.id", "history-dlq-check-" + UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        try (KafkaConsumer<String, String> dlq = new KafkaConsumer<>(p, new StringDeserializer(),
                new StringDeserializer())) {
            dlq.subscribe(List.of(Topics.DEAD_LETTER));
            List<ConsumerRecord<String, String>> found = new java.util.ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                for (ConsumerRecord<String, String> r : dlq.poll(Duration.ofMillis(500))) {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                }
                assertThat(found).isNotEmpty();
            });
            return found.get(0);
        }
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        assertThat(h).as("header " + name).isNotNull();
        return new String(h.value(), StandardCharsets.UTF_8);
    }
}
