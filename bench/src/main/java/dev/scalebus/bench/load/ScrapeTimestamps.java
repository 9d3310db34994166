package dev.scalebus.bench.load;

import dev.scalebus.events.ContainerSample;
import dev.scalebus.events.EventJson;
import dev.scalebus.events.NodeScrape;
import dev.scalebus.events.PodSample;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The exact kubelet timestamps (milliseconds) of every NodeScrape published while it runs, by node and by pod and
 * whole second: what the metrics API's second-precision {@code timestamp} stands for. Reads all partitions of the
 * topic from their end on a thread of its own (assign, no consumer group, nothing committed).
 */
final class ScrapeTimestamps implements AutoCloseable {

    private final Map<String, Long> byKeyAndSecond = new ConcurrentHashMap<>();
    // node@second -> the producer's record timestamp (CreateTime: when the collector handed the event to Kafka)
    private final Map<String, Long> publishedByNodeAndSecond = new ConcurrentHashMap<>();
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong lastEventNanos = new AtomicLong(System.nanoTime());
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile RuntimeException failure;

    private ScrapeTimestamps(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumer = new KafkaConsumer<>(p);
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end now, before the first poll of the API
        thread = new Thread(this::run, "scrape-timestamps");
        thread.setDaemon(true);
    }

    static ScrapeTimestamps start(String bootstrap, String topic) {
        ScrapeTimestamps t = new ScrapeTimestamps(bootstrap, topic);
        t.thread.start();
        return t;
    }

    private void run() {
        try {
            consume();
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void consume() {
        while (running) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                NodeScrape scrape = EventJson.fromBytes(record.value(), NodeScrape.class);
                events.incrementAndGet();
                lastEventNanos.set(System.nanoTime());
                if (scrape.node() != null) {
                    put("nodes:" + scrape.nodeName(), scrape.node().timestamp());
                    publishedByNodeAndSecond.put(scrape.nodeName() + "@" + scrape.node().timestamp().getEpochSecond(),
                            record.timestamp());
                }
                for (PodSample pod : scrape.pods()) {
                    // a pod's metrics.k8s.io timestamp is that of its earliest container (GetContainerMetrics)
                    Instant earliest = null;
                    for (ContainerSample c : pod.containers()) {
                        if (c.timestamp() != null && (earliest == null || c.timestamp().isBefore(earliest))) {
                            earliest = c.timestamp();
                        }
                    }
                    if (earliest != null) {
                        put("pods:" + pod.namespace() + "/" + pod.name(), earliest);
                    }
                }
            }
        }
    }

    private void put(String key, Instant timestamp) {
        byKeyAndSecond.put(key + "@" + timestamp.getEpochSecond(), timestamp.toEpochMilli());
    }

    Long node(String name, long epochSecond) {
        return byKeyAndSecond.get("nodes:" + name + "@" + epochSecond);
    }

    /** When the collector published the scrape of that node and second (the record's CreateTime), or null. */
    Long nodePublished(String name, long epochSecond) {
        return publishedByNodeAndSecond.get(name + "@" + epochSecond);
    }

    Long pod(String namespaceAndName, long epochSecond) {
        return byKeyAndSecond.get("pods:" + namespaceAndName + "@" + epochSecond);
    }

    /** The number of NodeScrape events read; throws when reading the topic failed. */
    long events() {
        if (failure != null) {
            throw new IllegalStateException("reading the NodeScrape topic failed: " + failure, failure);
        }
        return events.get();
    }

    /** Waits until no event arrived for {@code quiet} or twice that passed: the consumer has caught up. */
    void awaitQuiet(Duration quiet) throws InterruptedException {
        long deadline = System.nanoTime() + 2 * quiet.toNanos();
        while (System.nanoTime() < deadline && System.nanoTime() - lastEventNanos.get() < quiet.toNanos()) {
            Thread.sleep(50);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5000);
    }
}
