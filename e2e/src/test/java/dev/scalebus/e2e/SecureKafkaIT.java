package dev.scalebus.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.ThrowingRunnable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 15: Kafka with SASL_SSL and ACLs, as {@code SCALEBUS_KAFKA_SECURITY=sasl_ssl ./scalebus kafka start} runs it
 * (own port 19392, own data dir, stopped at the end): a client without credentials gets nowhere, a service's
 * credentials reach only what docs/security.md grants it, and the whole stack of {@code ./scalebus up} works on it
 * with one SCRAM user per service.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(3) // after FaultInjectionIT: all three bind the stack's fixed ports (src/test/resources/junit-platform.properties)
class SecureKafkaIT {

    private static final int KAFKA_PORT = 19392;
    private static final String BOOTSTRAP = "127.0.0.1:" + KAFKA_PORT;
    private static final int HISTORY = 8084;
    private static final int SIMULATOR = 8090;
    private static final Map<String, String> ENV = Map.of("SCALEBUS_KAFKA_SECURITY", "sasl_ssl",
            "SCALEBUS_KAFKA_PORT", Integer.toString(KAFKA_PORT), "SCALEBUS_KAFKA_BOOTSTRAP", BOOTSTRAP,
            "SCALEBUS_COLLECTOR_METRIC_RESOLUTION", "5s", "SCALEBUS_COLLECTOR_KUBELET_REQUEST_TIMEOUT", "4s",
            "SCALEBUS_METRICS_API_METRIC_RESOLUTION", "5s", "SCALEBUS_AUTOSCALER_SYNC_PERIOD", "5s");
    /** How long a client without access may try before it must have failed. */
    private static final Duration REFUSED_WITHIN = Duration.ofSeconds(8);

    private static Stack stack;
    private static Path root;
    private static Path security;
    private static boolean up;

    @BeforeAll
    static void startSecureBroker() throws IOException {
        root = Path.of(System.getProperty("scalebus.root", "..")).toAbsolutePath().normalize();
        stack = new Stack(root);
        if (root.resolve(".scalebus/up/running").toFile().exists()) {
            stack.scalebus(ENV, Duration.ofMinutes(2), "down");
        }
        Stack.Result kafka = stack.scalebus(ENV, Duration.ofMinutes(5), "kafka", "start");
        assertThat(kafka.ok()).as("%s", kafka).isTrue();
        Path dir = Path.of(Files.readString(root.resolve(".scalebus/kafka-" + KAFKA_PORT + ".dir")).strip());
        security = dir.resolve("security");
        assertThat(security.resolve("ca.pem")).as("the broker's CA").exists();
        assertThat(Files.getPosixFilePermissions(security.resolve("collector.password")))
                .as("a password file is readable by its owner only").hasSize(2);
    }

    @AfterAll
    static void stopEverything() {
        if (stack == null) {
            return;
        }
        try {
            if (up) {
                Stack.Result down = stack.scalebus(ENV, Duration.ofMinutes(3), "down");
                assertThat(down.ok()).as("./scalebus down: %s", down).isTrue();
            }
        } finally {
            Stack.Result stop = stack.scalebus(ENV, Duration.ofMinutes(2), "kafka", "stop");
            assertThat(stop.ok()).as("./scalebus kafka stop: %s", stop).isTrue();
        }
    }

    @Test
    @Order(1)
    void clientWithoutCredentialsCanNeitherReadNorWrite() {
        Properties plaintext = new Properties();
        plaintext.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT");
        Properties tlsOnly = new Properties();
        tlsOnly.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SSL");
        tlsOnly.put("ssl.truststore.location", security.resolve("ca.pem").toString());
        tlsOnly.put("ssl.truststore.type", "PEM");
        for (Properties anonymous : List.of(plaintext, tlsOnly)) {
            String as = anonymous.getProperty(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG);
            assertThat(writeFailure(anonymous, "scalebus.node-scrapes")).as("%s producer", as)
                    .isInstanceOf(TimeoutException.class);
            assertThat(readFailure(anonymous, "scalebus.node-scrapes")).as("%s consumer", as)
                    .isInstanceOf(TimeoutException.class);
        }
    }

    @Test
    @Order(2)
    void collectorCredentialsCannotWriteDecisionsNorReadAnything() throws IOException {
        Properties collector = credentials("collector");
        assertThat(writeFailure(collector, "scalebus.scaling-decisions")).as("collector writing decisions")
                .isInstanceOf(TopicAuthorizationException.class);
        assertThat(readFailure(collector, "scalebus.node-scrapes")).as("collector reading its own topic")
                .isInstanceOf(TopicAuthorizationException.class);
        assertThat(readFailure(collector, "scalebus.scaling-decisions")).as("collector reading decisions")
                .isInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    @Order(3)
    void wholeStackWorksWithOneUserPerService() throws Exception {
        up = true;
        Stack.Result result = stack.scalebus(ENV, Duration.ofMinutes(10), "up", "--no-build", "--detach", "--scenario",
                "e2e");
        if (!result.ok()) {
            fail("./scalebus up on the SASL_SSL broker failed: " + result + stack.logTails(40));
        }
        assertThat(result.output()).contains("SASL_SSL");
        eventually("history stores node samples read with its own credentials", Duration.ofMinutes(3), () -> {
            for (String node : Probes.NODES) {
                JsonNode page = stack.getJson(HISTORY, "/api/v1/samples/nodes/" + node + "?step=raw");
                assertThat(page.path("items").size()).as("samples of %s: %s", node, page).isPositive();
            }
        });
        eventually("the metrics API serves the three nodes", Duration.ofMinutes(2),
                () -> assertThat(new Probes(stack, null).servedNodes()).containsKeys(Probes.NODES.toArray(String[]::new)));
        // the autoscaler's decisions (its WRITE) reach history (its READ): seed 000's burst makes one for sure
        stack.put(SIMULATOR, "/simulator/deployments/yuchao/eladmin-web/load", "{\"requestsPerSecond\": 400}");
        eventually("history stores the autoscaler's decisions", Duration.ofMinutes(3), () -> {
            JsonNode page = stack.getJson(HISTORY, "/api/v1/decisions?namespace=yuchao&autoscaler=hpa-eladmin-web");
            assertThat(page.path("items").size()).as("decisions: %s", page).isPositive();
        });
        String logs = stack.logTails(2000);
        assertThat(logs).as("no service was refused by the broker's ACLs")
                .doesNotContain("TopicAuthorizationException", "GroupAuthorizationException",
                        "SaslAuthenticationException");
    }

    /** A service's client settings as ./scalebus kafka start wrote them (USER.properties, 0600). */
    private static Properties credentials(String user) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(security.resolve(user + ".properties"))) {
            p.load(r);
        }
        return p;
    }

    /** What sending one record fails with (the cause of the failed send), or a test failure when it succeeds. */
    private static Throwable writeFailure(Properties security, String topic) {
        Properties p = new Properties();
        p.putAll(security);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) REFUSED_WITHIN.toMillis());
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) REFUSED_WITHIN.toMillis());
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) REFUSED_WITHIN.toMillis() - 1000);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
                new StringSerializer())) {
            return unwrap(catchThrowable(() -> producer.send(new ProducerRecord<>(topic, "e2e", "not allowed")).get()));
        }
    }

    /** What reading partition 0 of the topic from its start fails with (no group: assign), or a test failure. */
    private static Throwable readFailure(Properties security, String topic) {
        Properties p = new Properties();
        p.putAll(security);
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) REFUSED_WITHIN.toMillis());
        p.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) REFUSED_WITHIN.toMillis() - 1000);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new StringDeserializer())) {
            return unwrap(catchThrowable(() -> {
                TopicPartition tp = new TopicPartition(topic, 0);
                consumer.assign(List.of(tp));
                consumer.seekToBeginning(List.of(tp));
                consumer.position(tp, REFUSED_WITHIN);
                long deadline = System.nanoTime() + REFUSED_WITHIN.toNanos();
                while (System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofSeconds(1));
                }
            }));
        }
    }

    private static Throwable unwrap(Throwable t) {
        if (t == null) {
            throw new AssertionError("the broker let it through");
        }
        return t instanceof ExecutionException && t.getCause() != null ? t.getCause() : t;
    }

    /** Awaits the assertion; on timeout fails with the last assertion error and the tails of the service logs. */
    private static void eventually(String what, Duration atMost, ThrowingRunnable assertion) {
        Map<String, Throwable> last = new LinkedHashMap<>();
        try {
            Awaitility.await(what).atMost(atMost).pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
                    .untilAsserted(() -> {
                        try {
                            assertion.run();
                        } catch (Throwable t) {
                            last.put("last", t);
                            throw t;
                        }
                    });
        } catch (ConditionTimeoutException e) {
            Throwable cause = last.get("last");
            throw new AssertionError("not within " + atMost.toSeconds() + " s: " + what
                    + (cause == null ? "" : "\nlast failure: " + cause) + stack.logTails(30), e);
        }
    }
}
