package dev.scalebus.collector.publish;

import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.Consumer;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

/**
 * Sends events of one topic from a dedicated thread that drains a {@link PublishBuffer}; callers only ever call
 * {@link #publish}, which never blocks. At most {@value #MAX_IN_FLIGHT} records are handed to the Kafka producer at
 * once (below the Emitter's own buffer, so it never overflows); a nacked record (delivery timeout during a broker
 * outage) goes back to its place in the buffer. Shared by the NodeScrape and the CustomMetricSamples publishers.
 */
public final class BufferedPublisher<T> {

    static final int MAX_IN_FLIGHT = 64;
    private static final Logger LOG = Logger.getLogger(BufferedPublisher.class);

    private final String topic;
    private final Emitter<T> emitter;
    private final Function<T, String> key;
    private final PublishBuffer<T> buffer;
    private final Consumer<T> onAcked;
    private final IntConsumer onDropped;
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private volatile boolean running = true;
    private volatile boolean brokerFailing;
    private Thread drainer;

    /**
     * @param onAcked   called with each event the broker acknowledged
     * @param onDropped called with how many of the oldest records were dropped from the full buffer
     */
    public BufferedPublisher(String topic, Emitter<T> emitter, Function<T, String> key, int bound,
            Consumer<T> onAcked, IntConsumer onDropped) {
        this.topic = topic;
        this.emitter = emitter;
        this.key = key;
        this.buffer = new PublishBuffer<>(bound);
        this.onAcked = onAcked;
        this.onDropped = onDropped;
    }

    public void start() {
        drainer = new Thread(this::drain, topic + "-publisher");
        drainer.setDaemon(true);
        drainer.start();
    }

    public void stop() {
        running = false;
        if (drainer != null) {
            drainer.interrupt();
        }
    }

    /** Queues one event; drops the oldest queued one when the buffer is full. Never blocks. */
    public void publish(T event) {
        int dropped = buffer.offer(event);
        if (dropped > 0) {
            onDropped.accept(dropped);
            LOG.debugf("%s publish buffer full: dropped the oldest event (%d dropped so far)", topic,
                    buffer.dropped());
        }
    }

    public PublishBuffer<T> buffer() {
        return buffer;
    }

    private void drain() {
        while (running) {
            try {
                if (brokerFailing) {
                    TimeUnit.MILLISECONDS.sleep(200); // back off while the broker refuses, not a hot retry loop
                }
                inFlight.acquire();
                PublishBuffer.Queued<T> next = buffer.poll(1, TimeUnit.SECONDS);
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

    private void send(PublishBuffer.Queued<T> entry) {
        T event = entry.item();
        try {
            emitter.send(KafkaRecord.of(key.apply(event), event)
                    .withAck(() -> {
                        inFlight.release();
                        onAcked.accept(event);
                        if (brokerFailing) {
                            brokerFailing = false;
                            LOG.info("publishing to " + topic + " works again");
                        }
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

    private void failed(PublishBuffer.Queued<T> entry, Throwable failure) {
        int dropped = buffer.requeue(entry);
        if (dropped > 0) {
            onDropped.accept(dropped);
        }
        if (!brokerFailing) {
            brokerFailing = true;
            LOG.infof("publishing to %s failed, buffering up to the bound and retrying: %s", topic,
                    failure.getMessage());
        }
        inFlight.release();
    }
}
