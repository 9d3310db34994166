package dev.scalebus.metricsapi;

import static dev.scalebus.metricsapi.Scrapes.container;
import static dev.scalebus.metricsapi.Scrapes.containerWithoutRate;
import static dev.scalebus.metricsapi.Scrapes.pod;
import static dev.scalebus.metricsapi.Scrapes.scrape;

import dev.scalebus.events.EventJson;
import dev.scalebus.events.NodeScrape;
import dev.scalebus.events.Topics;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The data of this test run, published once as NodeScrape events to the real broker. Every name carries the run id,
 * so other helpers' records on the shared topic never collide with ours.
 */
public final class TestData {

    /** The management interface in tests (quarkus.management.test-port): /q/health, /q/metrics. */
    public static final String MANAGEMENT = "http://localhost:19082";
    public static final String ID = UUID.randomUUID().toString().substring(0, 8);
    public static final String NODE_A = "mt-" + ID + "-a";
    public static final String NODE_B = "mt-" + ID + "-b";
    public static final String NS = "mt-" + ID;
    public static final String NS_OTHER = "mt-" + ID + "-other";
    /** Kubelet measurement time of the published points. */
    public static final Instant T = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(2);
    private static boolean published;

    private TestData() {
    }

    public static synchronized void publishOnce() {
        if (published) {
            return;
        }
        send(NODE_A, EventJson.toBytes(scrape(NODE_A, T, 329_087_452L, 2_748_180L * 1024,
                pod(NS, "web-1", Map.of("app", "web", "tier", "front"),
                        container("app", T.minusSeconds(2), 15_000, 1_938_555, 1_005_736L * 1024),
                        container("sidecar", T.minusSeconds(3), 14_500, 704_595, 24_716L * 1024)),
                pod(NS, "db-0", Map.of("app", "db", "role", "primary"),
                        container("postgres", T, 15_000, 1_000_000_000L, 1L << 30)))));
        send(NODE_B, EventJson.toBytes(scrape(NODE_B, T, 5_000_000L, 1025,
                pod(NS, "web-2", Map.of("app", "web"), container("app", T, 20_064, 250_000_000L, 100L << 20)),
                pod(NS, "init-0", Map.of("app", "batch"), containerWithoutRate("main", T, 4096)),
                pod(NS_OTHER, "other-0", Map.of("app", "web"), container("c", T, 60_996, 42, 8192)))));
        published = true;
    }

    public static void send(String key, byte[] value) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProperties())) {
            producer.send(new ProducerRecord<>(Topics.NODE_SCRAPES, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish to " + Topics.NODE_SCRAPES, e);
        }
    }

    public static void send(NodeScrape scrape) {
        send(scrape.nodeName(), EventJson.toBytes(scrape));
    }

    public static String bootstrap() {
        return System.getenv().getOrDefault("SCALEBUS_KAFKA_BOOTSTRAP", "127.0.0.1:9092");
    }

    private static Properties producerProperties() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return p;
    }
}
