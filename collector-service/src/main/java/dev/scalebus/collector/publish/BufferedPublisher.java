package dev.scalebus.collector.publish;

import dev.scalebus.events.EventJson;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

/**
 * Sends events of one topic from a dedicated thread that drains a byte-bounded {@link PublishBuffer}; callers only
 * ever call {@link #publish}, which serializes the event (once: the buffer holds the bytes the producer sends, so
 * its bound is what the records really weigh) and never blocks. At most {@value #MAX_IN_FLIGHT} records are handed
 * to the Kafka producer at once (below the Emitter's own buffer, so it never overflows). A failed send is classified
 * ({@link PublishFailures}): a retriable one (broker away) goes back to its place in the buffer and sending backs
 * off; a permanent one (record too large, ...) drops that record alone, counted and logged with its key and reason.
 * Shared by the NodeScrape and the CustomMetricSamples publishers.
 */
public final class BufferedPublisher {

    /** One serialized record; {@code samples} is what {@code onAcked} counts (1 per node scrape, series per pod). */
    public record Outgoing(String key, byte[] value, int samples) {
        /** What the record weighs in the buffer and on the wire: key + value bytes. */
        long bytes() {
            return key.getBytes(StandardCharsets.UTF_8).length + (long) value.length;
        }
    }

    static final int MAX_IN_FLIGHT = 64;
    static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Logger LOG = Logger.getLogger(BufferedPublisher.class);

    private final String topic;
    private final Emitter<byte[]> emitter;
    private final PublishBuffer<Outgoing> buffer;
    private final DropReport drops;
    private final Consumer<Outgoing> onAcked;
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    /** Records handed to the producer and not yet acked or nacked (the semaphore also counts the drainer's wait). */
    private final AtomicInteger unacknowledged = new AtomicInteger();
    private volatile boolean running = true;
    private volatile boolean closed;
    private volatile boolean brokerFailing;
    private long backoffMillis = FIRST_BACKOFF.toMillis(); // drain thread only
    private Thread drainer;

    /**
     * @param boundBytes how many bytes may wait for the broker before the oldest records are dropped
     * @param onAcked    called with each record the broker acknowledged
     */
    public BufferedPublisher(String topic, Emitter<byte[]> emitter, long boundBytes, PublishMetrics metrics,
            Consumer<Outgoing> onAcked) {
        this.topic = topic;
        this.emitter = emitter;
        this.buffer = new PublishBuffer<>(boundBytes);
        this.drops = new DropReport(topic, metrics);
        this.onAcked = onAcked;
        metrics.watch(buffer);
    }

    public void start() {
        drainer = new Thread(this::drain, topic + "-publisher");
        drainer.setDaemon(true);
        drainer.start();
    }

    /**
     * Stops, after trying for up to {@code flushDeadline} to hand every buffered record to the broker and see it
     * acknowledged. What is still buffered then is dropped and counted ({@code shutdown}), in one log line.
     */
    public PublishBuffer.Removed close(Duration flushDeadline) {
        closed = true;
        long deadline = System.nanoTime() + flushDeadline.toNanos();
        // a short poll: shutdown happens once, and acks arrive on the producer's thread, not one we could wait on
        while (System.nanoTime() < deadline && (buffer.size() > 0 || unacknowledged.get() > 0)) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        running = false;
        if (drainer != null) {
            drainer.interrupt();
        }
        PublishBuffer.Removed left = buffer.clear();
        drops.shutdown(left, unacknowledged.get(), flushDeadline);
        return left;
    }

    /** Serializes and queues one event; drops the oldest queued records when over the bound. Never blocks. */
    public void publish(String key, Object event, int samples) {
        Outgoing record;
        try {
            record = new Outgoing(key, EventJson.toBytes(event), samples);
        } catch (RuntimeException e) {
            drops.refused(key, PublishFailures.SERIALIZATION, 0, e);
            return;
        }
        if (closed && !running) {
            drops.afterShutdown(record.bytes());
            return;
        }
        drops.overflowed(buffer.offer(record, record.bytes()), buffer.dropped());
    }

    public PublishBuffer<Outgoing> buffer() {
        return buffer;
    }

    private void drain() {
        while (running) {
            try {
                if (brokerFailing) {
                    TimeUnit.MILLISECONDS.sleep(backoffMillis); // not a hot retry loop while the broker refuses
                    backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF.toMillis());
                } else {
                    backoffMillis = FIRST_BACKOFF.toMillis();
                }
                inFlight.acquire();
                PublishBuffer.Queued<Outgoing> next = buffer.poll(1, TimeUnit.SECONDS);
                if (next == null) {
                    inFlight.release();
                    continue;
                }
                send(next);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void send(PublishBuffer.Queued<Outgoing> entry) {
        Outgoing record = entry.item();
        unacknowledged.incrementAndGet();
        try {
            emitter.send(KafkaRecord.of(record.key(), record.value())
                    .withAck(() -> {
                        unacknowledged.decrementAndGet();
                        inFlight.release();
                        acked(record);
                        return CompletableFuture.completedFuture(null);
                    })
                    .withNack(failure -> {
                        failed(entry, failure);
                        return CompletableFuture.completedFuture(null);
                    }));
        } catch (RuntimeException e) {
            failed(entry, e);
        }
    }

    private void acked(Outgoing record) {
        onAcked.accept(record);
        drops.acked(record.key());
        if (brokerFailing) {
            brokerFailing = false;
            LOG.info("publishing to " + topic + " works again");
        }
    }

    private void failed(PublishBuffer.Queued<Outgoing> entry, Throwable failure) {
        unacknowledged.decrementAndGet();
        try {
            Optional<String> permanent = PublishFailures.permanentReason(failure, entry.failures());
            if (permanent.isPresent()) {
                drops.refused(entry.item().key(), permanent.get(), entry.bytes(), failure);
                return;
            }
            drops.overflowed(buffer.requeue(entry.failedOnce()), buffer.dropped());
            if (!brokerFailing) {
                brokerFailing = true;
                LOG.infof("publishing to %s failed, buffering up to the bound and retrying with backoff: %s", topic,
                        failure.getMessage());
            }
        } finally {
            inFlight.release();
        }
    }
}
