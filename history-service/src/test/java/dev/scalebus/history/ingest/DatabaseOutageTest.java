package dev.scalebus.history.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scalebus.events.EventJson;
import dev.scalebus.events.ScalingDecision;
import dev.scalebus.events.Topics;
import dev.scalebus.history.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A database outage on the real PostgreSQL, without restarting it: the service's role loses LOGIN and its backends
 * are terminated (every pooled connection breaks, every new one is refused), then LOGIN comes back. Ingest must
 * pause (readiness DOWN, liveness UP) and resume by itself with every record stored and none dead-lettered.
 */
@QuarkusTest
class DatabaseOutageTest {

    /** An administrator connection, not the service's role, to cut the service off and to count rows meanwhile. */
    static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/scalebus_test?user=postgres";

    @Inject
    KafkaClientService kafka;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "quarkus.datasource.username")
    String role;

    KafkaProducer<String, String> producer;

    @BeforeEach
    void connect() {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("acks", "all");
        producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        for (String channel : List.of(Topics.NODE_SCRAPES, Topics.SCALING_DECISIONS)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> !kafka.getConsumer(channel).getAssignments()
                    .await().atMost(Duration.ofSeconds(10)).isEmpty());
        }
    }

    @AfterEach
    void restore() throws SQLException {
        admin("ALTER ROLE " + role + " LOGIN");
        producer.close();
    }

    @Test
    void ingestPausesDuringAnOutageAndResumesWithNothingLostNorDeadLettered() throws Exception {
        String node = TestData.unique("node-outage");
        String ns = TestData.unique("ns-outage");
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // a first scrape stored before the outage: the pool holds live connections that the outage will break
        send(Topics.NODE_SCRAPES, node, EventJson.toJson(TestData.scrape(node, ns + "-before", t, 1, 1)));
        await().atMost(Duration.ofSeconds(30)).until(() -> count("history.pod_samples", ns + "-before") == 1);

        admin("ALTER ROLE " + role + " NOLOGIN");
        admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
                + "AND pid <> pg_backend_pid() AND usename = '" + role + "'");
        int scrapes = 5;
        for (int i = 0; i < scrapes; i++) {
            send(Topics.NODE_SCRAPES, node, EventJson.toJson(TestData.scrape(node, ns, t.plusSeconds(15L * (i + 1)),
                    2, i)));
        }
        List<String> decisionIds = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ScalingDecision d = TestData.decision(UUID.randomUUID().toString(), ns, "web", t.plusSeconds(i), 2, 3, 3);
            decisionIds.add(d.id());
            send(Topics.SCALING_DECISIONS, d.key(), EventJson.toJson(d));
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonPath ready = dev.scalebus.history.Api.management().get("/q/health/ready").then().statusCode(503).extract().jsonPath();
            assertThat(ready.getString("checks.find { it.name == 'ingest' }.status")).isEqualTo("DOWN");
            assertThat(ready.getMap("checks.find { it.name == 'ingest' }.data"))
                    .containsKeys("node-scrapes", "scaling-decisions");
        });
        JsonPath live = dev.scalebus.history.Api.management().get("/q/health/live").then().extract().jsonPath();
        assertThat(live.getString("status")).as(live.prettify()).isEqualTo("UP");
        assertThat(count("history.pod_samples", ns)).isZero();

        admin("ALTER ROLE " + role + " LOGIN");

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            assertThat(count("history.pod_samples", ns)).isEqualTo(scrapes * 2L);
            assertThat(count("history.decisions", ns)).isEqualTo(2);
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> dev.scalebus.history.Api.management().get("/q/health/ready")
                .then().statusCode(200));
        assertThat(count("history.container_samples", ns)).isEqualTo(scrapes * 4L);
        assertThat(deadLetterKeys()).doesNotContain(node, ns + "/web");
    }

    private void send(String topic, String key, String value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value)).get();
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(ADMIN_URL); var s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long count(String table, String namespace) throws SQLException {
        try (Connection c = DriverManager.getConnection(ADMIN_URL);
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + table + " WHERE namespace = ?")) {
            ps.setString(1, namespace);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Every key on the dead-letter topic up to its current end. */
    private Set<String> deadLetterKeys() {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("group.id", "history-dlq-check-" + UUID.randomUUID());
        try (KafkaConsumer<String, String> dlq = new KafkaConsumer<>(p, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = dlq.partitionsFor(Topics.DEAD_LETTER).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            dlq.assign(partitions);
            dlq.seekToBeginning(partitions);
            var end = dlq.endOffsets(partitions);
            Set<String> keys = new java.util.HashSet<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> r : dlq.poll(Duration.ofMillis(500))) {
                    keys.add(r.key());
                }
                return partitions.stream().allMatch(tp -> dlq.position(tp) >= end.get(tp));
            });
            return keys;
        }
    }
}
