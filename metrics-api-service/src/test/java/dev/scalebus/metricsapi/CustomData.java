package dev.scalebus.metricsapi;

import static dev.scalebus.metricsapi.Scrapes.container;
import static dev.scalebus.metricsapi.Scrapes.pod;
import static dev.scalebus.metricsapi.Scrapes.scrape;

import dev.scalebus.events.CustomMetricSamples;
import dev.scalebus.events.CustomMetricSamples.SeriesSample;
import dev.scalebus.events.EventJson;
import dev.scalebus.events.Topics;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The application series of this run, published once as CustomMetricSamples (and the pods' labels as a NodeScrape)
 * to the real broker. Counters are scraped every 15 s from 2 minutes before the publication to 15 minutes after it
 * (samples ahead of the clock are not read until their time), so whenever the suite asks within those minutes,
 * rate()[2m] covers its whole range and equals the counter's slope: http_requests per pod web-1 1.75/s
 * (code 200: 1.5/s, code 500: 0.25/s), web-2 0.5/s, worker-0 4/s; requests-per-second of Ingress main-route 2/s.
 */
public final class CustomData {

    public static final String NS = "cm-" + TestData.ID;
    public static final String NODE = "cm-" + TestData.ID + "-n";
    public static final String QUEUE = "q-" + TestData.ID;
    public static final Instant T = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static boolean published;

    private CustomData() {
    }

    public static synchronized void publishOnce() {
        if (published) {
            return;
        }
        TestData.send(scrape(NODE, T, 1_000_000L, 1L << 30,
                pod(NS, "web-1", Map.of("app", "web"), container("app", T, 15_000, 1_000_000, 1 << 20)),
                pod(NS, "web-2", Map.of("app", "web"), container("app", T, 15_000, 1_000_000, 1 << 20)),
                pod(NS, "worker-0", Map.of("app", "worker"), container("app", T, 15_000, 1_000_000, 1 << 20)),
                pod(NS, "gateway-0", Map.of("app", "gateway"), container("app", T, 15_000, 1_000_000, 1 << 20))));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties())) {
            for (int i = 0; i <= 68; i++) {
                Instant at = T.minusSeconds(120).plusSeconds(15L * i);
                double s = 15.0 * i; // seconds since the first scrape
                send(producer, at, "web-1", counter(1000 + 1.5 * s, "code", "200"),
                        counter(1000 + 0.25 * s, "code", "500"), gauge("queue_messages_cnt", 10, "queue", QUEUE),
                        gauge("jobs_waiting", 5, "queue", QUEUE));
                send(producer, at, "web-2", counter(1000 + 0.5 * s, "code", "200"),
                        gauge("queue_messages_cnt", 30, "queue", QUEUE), gauge("jobs_waiting", 7, "queue", QUEUE));
                send(producer, at, "worker-0", counter(1000 + 4 * s, "code", "200"),
                        gauge("queue_messages_cnt", 99, "queue", "other-" + QUEUE));
                send(producer, at, "gateway-0", new SeriesSample("ingress_requests_total", "counter",
                        Map.of("ingress", "main-route"), 500 + 2 * s, null));
            }
            producer.flush();
        }
        published = true;
    }

    private static SeriesSample counter(double value, String... labels) {
        return new SeriesSample("http_requests_total", "counter", labels(labels), value, null);
    }

    private static SeriesSample gauge(String name, double value, String... labels) {
        return new SeriesSample(name, "gauge", labels(labels), value, null);
    }

    private static Map<String, String> labels(String... kv) {
        Map<String, String> m = new java.util.HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static void send(KafkaProducer<String, byte[]> producer, Instant at, String pod,
            SeriesSample... series) {
        CustomMetricSamples samples = CustomMetricSamples.of(NS, pod, NODE, at, 2, new ArrayList<>(List.of(series)));
        try {
            producer.send(new ProducerRecord<>(Topics.CUSTOM_SAMPLES, samples.key(), EventJson.toBytes(samples)))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish to " + Topics.CUSTOM_SAMPLES, e);
        }
    }

    static Map<String, Object> properties() {
        Map<String, Object> p = new java.util.HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestData.bootstrap());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return p;
    }
}
