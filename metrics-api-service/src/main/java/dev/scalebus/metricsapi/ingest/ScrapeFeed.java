package dev.scalebus.metricsapi.ingest;

import dev.scalebus.events.EventJson;
import dev.scalebus.events.NodeScrape;
import dev.scalebus.metricsapi.window.MetricsWindow;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Feeds an in-memory window from one topic on its own thread: the node-scrapes topic into the {@link MetricsWindow},
 * the custom-samples topic into the custom metrics' series window (any {@link RecordSink}).
 *
 * <p>Every replica must see every node, so there is no consumer group: the feed {@code assign}s all partitions
 * (no group.id, nothing committed) and on start seeks each one to the first record at or after
 * {@code now - lookback} ({@code offsetsForTimes}), which rebuilds the window without any state of its own. It is
 * caught up (ready) once its position reached, on every partition, the end offset seen at start. A malformed record
 * is counted and skipped; the first one is logged at INFO, later ones at DEBUG, and the loop never stops.
 */
public final class ScrapeFeed implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ScrapeFeed.class);

    private final String bootstrapServers;
    private final String topic;
    private final RecordSink sink;
    private final Duration lookback;
    private final Clock clock;
    private final String clientId = "metrics-api-" + UUID.randomUUID();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private volatile boolean caughtUp;
    private volatile boolean running = true;
    private volatile long lag;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    /** Where a feed's records go: decode and keep one record value (throw when malformed), and say what is held. */
    public interface RecordSink {
        void accept(byte[] value);

        String summary();
    }

    public ScrapeFeed(String bootstrapServers, String topic, MetricsWindow window, Duration lookback, Clock clock) {
        this(bootstrapServers, topic, new RecordSink() {
            @Override
            public void accept(byte[] value) {
                window.accept(EventJson.fromBytes(value, NodeScrape.class));
            }

            @Override
            public String summary() {
                return window.nodeCount() + " nodes and " + window.podCount() + " pods";
            }
        }, lookback, clock);
    }

    public ScrapeFeed(String bootstrapServers, String topic, RecordSink sink, Duration lookback, Clock clock) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.sink = sink;
        this.lookback = lookback;
        this.clock = clock;
    }

    public synchronized void start() {
        thread = new Thread(this::run, "scrape-feed-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(properties())) {
                consumer = c;
                Map<TopicPartition, Long> endAtStart = rebuild(c);
                LOG.infof("feed %s: rebuilding %s from %s ago, %d partitions", clientId, topic, lookback,
                        endAtStart.size());
                while (running) {
                    for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
                        take(r);
                    }
                    if (!caughtUp && reached(c, endAtStart)) {
                        caughtUp = true;
                        LOG.infof("feed %s: caught up with %s, window holds %s", clientId, topic, sink.summary());
                    }
                    lag = lag(c, endAtStart);
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.infof("feed %s: consumer failed (%s), restarting in 2s", clientId, e.toString());
                pause();
            }
        }
    }

    /** Assigns every partition and seeks it to now - lookback; returns the end offsets to catch up with. */
    private Map<TopicPartition, Long> rebuild(KafkaConsumer<String, byte[]> c) {
        List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(30));
        List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(i.topic(), i.partition()))
                .toList();
        if (partitions.isEmpty()) {
            // never "caught up" with a topic that does not exist yet: retry from the top of the loop
            throw new IllegalStateException("topic " + topic + " has no partitions yet");
        }
        c.assign(partitions);
        long since = clock.millis() - lookback.toMillis();
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(p -> query.put(p, since));
        Map<TopicPartition, OffsetAndTimestamp> found = c.offsetsForTimes(query, Duration.ofSeconds(30));
        Map<TopicPartition, Long> end = c.endOffsets(partitions, Duration.ofSeconds(30));
        for (TopicPartition p : partitions) {
            OffsetAndTimestamp at = found.get(p);
            c.seek(p, at != null ? at.offset() : end.get(p)); // nothing newer: start at the end
        }
        return end;
    }

    private void take(ConsumerRecord<String, byte[]> r) {
        try {
            sink.accept(r.value());
            accepted.incrementAndGet();
        } catch (RuntimeException e) {
            long n = malformed.incrementAndGet();
            String where = r.topic() + "-" + r.partition() + "@" + r.offset();
            if (n == 1) {
                LOG.infof("feed %s: skipping malformed record %s: %s (further ones are logged at DEBUG)", clientId,
                        where, e.getMessage());
            } else {
                LOG.debugf("feed %s: skipping malformed record %s: %s", clientId, where, e.getMessage());
            }
        }
    }

    private static boolean reached(KafkaConsumer<String, byte[]> c, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (c.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static long lag(KafkaConsumer<String, byte[]> c, Map<TopicPartition, Long> end) {
        long total = 0;
        for (TopicPartition p : end.keySet()) {
            OptionalLong l = c.currentLag(p);
            total += l.orElse(0);
        }
        return total;
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    private void pause() {
        try {
            Thread.sleep(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    public boolean caughtUp() {
        return caughtUp;
    }

    /** Records behind the log end over all partitions, as of the last poll. */
    public long lag() {
        return lag;
    }

    public long malformedRecords() {
        return malformed.get();
    }

    public long acceptedRecords() {
        return accepted.get();
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        Thread t = thread;
        if (t != null) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
