package dev.scalebus.history.bench;

import dev.scalebus.events.EventJson;
import dev.scalebus.events.NodeScrape;
import dev.scalebus.history.TestData;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * End-to-end ingest benchmark (a main, not a test), in two steps so that producing does not limit the number:
 * {@code publish <topic> <nodes> <namespace>} puts a backlog of scrapes of 30 pods x 2 containers on a topic;
 * {@code await <namespace> <nodes>} then watches a history-service consuming that topic and reports container
 * samples stored per second, from the first stored row to the last. Bootstrap and JDBC URL come from
 * SCALEBUS_KAFKA_BOOTSTRAP and SCALEBUS_DB_URL. See the module README for the whole run.
 */
public final class IngestBenchmark {

    static final int PODS = 30;

    public static void main(String[] args) throws Exception {
        String bootstrap = System.getenv().getOrDefault("SCALEBUS_KAFKA_BOOTSTRAP", "127.0.0.1:9092");
        String url = System.getenv().getOrDefault("SCALEBUS_DB_URL", "jdbc:postgresql://127.0.0.1:5432/scalebus_test");
        if (args[0].equals("publish")) {
            publish(bootstrap, args[1], Integer.parseInt(args[2]), args[3]);
        } else {
            await(url, args[1], Integer.parseInt(args[2]) * PODS * 2L);
        }
    }

    static void publish(String bootstrap, String topic, int nodes, String ns) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("acks", "all");
        p.put("linger.ms", "20");
        p.put("batch.size", "262144");
        p.put("compression.type", "lz4");
        Instant t = Instant.now().minusSeconds(60);
        long started = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (int n = 0; n < nodes; n++) {
                String node = ns + "-node-" + n;
                // every node its own pods (as in a cluster), each sample one of 4 scrape cycles
                NodeScrape scrape = TestData.scrape(node, ns, t.plusSeconds(15L * (n % 4)), PODS, n, "web-5d8f7c-" + n + "-");
                producer.send(new ProducerRecord<>(topic, node, EventJson.toJson(scrape)));
            }
            producer.flush();
        }
        System.out.printf("published %d scrapes (%d container samples) in %.2f s%n", nodes, nodes * PODS * 2L,
                (System.nanoTime() - started) / 1e9);
    }

    static void await(String url, String ns, long expected) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "scalebus", "scalebus");
                PreparedStatement ps = c.prepareStatement(
                        "SELECT count(*) FROM history.container_samples WHERE namespace = ?")) {
            ps.setString(1, ns);
            long first = 0;
            long firstAt = 0;
            long stored = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (stored < expected && System.nanoTime() < deadline) {
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    stored = rs.getLong(1);
                }
                if (firstAt == 0 && stored > 0) {
                    first = stored;
                    firstAt = System.nanoTime();
                }
            }
            double seconds = (System.nanoTime() - firstAt) / 1e9;
            System.out.printf("stored %d of %d container samples; %d in the last %.2f s: %.0f container samples/s%n",
                    stored, expected, stored - first, seconds, (stored - first) / seconds);
        }
    }
}
