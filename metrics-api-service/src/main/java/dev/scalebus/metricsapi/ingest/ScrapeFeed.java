package dev.scalebus.metricsapi.ingest;

import dev.scalebus.events.EventJson;
import dev.scalebus.events.NodeScrape;
import dev.scalebus.metricsapi.kafka.KafkaClientProperties;
import dev.scalebus.metricsapi.window.MetricsWindow;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
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
 *
 * <p>Faults never leave it "UP but dead" (see {@link FeedHealth}): a failing consumer is closed and a new one built
 * after a backoff growing from 1 s to the loop's step bound; while the broker does not answer the feed is not
 * {@link #ready}; a loop that stopped ticking or whose thread ended is not {@link #live}.
 */
public final class ScrapeFeed implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ScrapeFeed.class);

    private final KafkaClientProperties kafka;
    private final String topic;
    private final RecordSink sink;
    private final Duration lookback;
    private final Clock clock;
    private final String clientId = "metrics-api-" + UUID.randomUUID();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong restarts = new AtomicLong();
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final long MIN_BACKOFF_MILLIS = 1_000;

    private final FeedHealth health;
    private volatile boolean caughtUp;
    private volatile boolean brokerLost;
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
        this(bootstrapServers, topic, sinkOf(window), lookback, clock);
    }

    /** Decodes NodeScrape records into the node window. */
    public static RecordSink sinkOf(MetricsWindow window) {
        return new RecordSink() {
            @Override
            public void accept(byte[] value) {
                window.accept(EventJson.fromBytes(value, NodeScrape.class));
            }

            @Override
            public String summary() {
                return window.nodeCount() + " nodes and " + window.podCount() + " pods";
            }
        };
    }

    public ScrapeFeed(String bootstrapServers, String topic, RecordSink sink, Duration lookback, Clock clock) {
        this(bootstrapServers, topic, sink, lookback, clock, FeedHealth.forResolution(clock, Duration.ofSeconds(15)));
    }

    public ScrapeFeed(String bootstrapServers, String topic, RecordSink sink, Duration lookback, Clock clock,
            FeedHealth health) {
        this(new KafkaClientProperties(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers)), topic, sink,
                lookback, clock, health);
    }

    /** @param kafka the service's kafka.* settings (bootstrap servers, security); the feed's own settings win */
    public ScrapeFeed(KafkaClientProperties kafka, String topic, RecordSink sink, Duration lookback, Clock clock,
            FeedHealth health) {
        this.health = health;
        this.kafka = kafka;
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
        try {
            loop();
        } finally {
            if (running) {
                LOG.infof("feed %s: the loop reading %s ended; liveness reports DOWN", clientId, topic);
            }
        }
    }

    /** Builds a consumer, rebuilds, polls; on any failure closes it and builds a new one after a growing backoff. */
    private void loop() {
        long minBackoff = Math.min(MIN_BACKOFF_MILLIS, health.stepBound().toMillis());
        long backoffMillis = minBackoff;
        while (running) {
            health.ticked();
            KafkaConsumer<String, byte[]> c = null;
            try {
                c = new KafkaConsumer<>(properties());
                consumer = c;
                if (!running) {
                    return;
                }
                Map<TopicPartition, Long> endAtStart = FeedPositions.rebuild(c, topic, clock.millis() - lookback.toMillis(),
                        health);
                contact();
                backoffMillis = minBackoff;
                LOG.infof("feed %s: rebuilding %s from %s ago, %d partitions", clientId, topic, lookback,
                        endAtStart.size());
                poll(c, endAtStart);
                return;
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                restarts.incrementAndGet();
                LOG.infof("feed %s: consumer of %s failed (%s), building a new one in %d ms", clientId, topic,
                        e.toString(), backoffMillis);
            } finally {
                closeQuietly(c);
            }
            health.ticked(); // a deliberate wait is not a stall: the backoff stays below the stall bound
            if (!pause(backoffMillis)) {
                return;
            }
            backoffMillis = Math.min(backoffMillis * 2, health.stepBound().toMillis());
        }
    }

    private void poll(KafkaConsumer<String, byte[]> c, Map<TopicPartition, Long> endAtStart) {
        while (running) {
            ConsumerRecords<String, byte[]> records = c.poll(POLL_TIMEOUT);
            health.ticked();
            if (!records.isEmpty()) {
                contact();
                records.forEach(this::take);
            }
            if (!caughtUp && FeedPositions.reached(c, endAtStart)) {
                caughtUp = true;
                LOG.infof("feed %s: caught up with %s, window holds %s", clientId, topic, sink.summary());
            }
            lag = FeedPositions.lag(c, endAtStart);
            if (health.millisSinceContact() >= health.contactInterval().toMillis()) {
                checkContact(c, endAtStart);
            }
        }
    }

    /**
     * poll() answers nothing, not an error, while the broker is away: ask for the end offsets (one round trip,
     * bounded) so that an outage is noticed and the window reported stale.
     */
    private void checkContact(KafkaConsumer<String, byte[]> c, Map<TopicPartition, Long> endAtStart) {
        try {
            c.endOffsets(endAtStart.keySet(), health.stepBound());
            contact();
        } catch (TimeoutException e) {
            health.ticked();
            if (!brokerLost) {
                brokerLost = true;
                LOG.infof("feed %s: no answer from the broker for %s for %d ms (%s); the window is reported stale"
                        + " while it lasts", clientId, topic, health.millisSinceContact(), e.getMessage());
            }
        }
    }

    private void contact() {
        if (brokerLost) {
            brokerLost = false;
            LOG.infof("feed %s: the broker answers again for %s after %d ms", clientId, topic,
                    health.millisSinceContact());
        }
        health.contacted();
    }

    private void closeQuietly(KafkaConsumer<String, byte[]> c) {
        if (c == null) {
            return;
        }
        try {
            c.close(health.stepBound());
        } catch (RuntimeException e) {
            LOG.debugf("feed %s: closing the consumer: %s", clientId, e.toString());
        }
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

    /** The consumer's settings: the service's kafka.* ones (security included) under the feed's own. */
    Properties properties() {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        // calls without an explicit timeout (position) must not block the loop past its stall bound either
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) health.stepBound().toMillis());
        return kafka.with(p);
    }

    /** False when interrupted: the thread then ends and liveness reports DOWN. */
    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public boolean caughtUp() {
        return caughtUp;
    }

    /** Caught up once, and the broker answered within the stale bound: the window is current. */
    public boolean ready() {
        return caughtUp && !health.stale();
    }

    /** The loop runs and ticked within the stall bound (or the feed was not started or was closed). */
    public boolean live() {
        Thread t = thread;
        return !running || t == null || (t.isAlive() && !health.stalled());
    }

    /** Records behind the log end over all partitions, as of the last poll. */
    public long lag() {
        return lag;
    }

    public long malformedRecords() {
        return malformed.get();
    }

    /** Consumers closed after a failure and built anew. */
    public long consumerRestarts() {
        return restarts.get();
    }

    public long acceptedRecords() {
        return accepted.get();
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            try {
                c.wakeup();
            } catch (RuntimeException e) {
                LOG.debugf("feed %s: wakeup: %s", clientId, e.toString());
            }
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
