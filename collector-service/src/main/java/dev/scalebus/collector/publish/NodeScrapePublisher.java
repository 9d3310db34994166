package dev.scalebus.collector.publish;

import dev.scalebus.collector.config.CollectorConfig;
import dev.scalebus.collector.ops.CollectorMetrics;
import dev.scalebus.events.NodeScrape;
import dev.scalebus.events.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

/**
 * Sends NodeScrape events to {@value Topics#NODE_SCRAPES}, key = node name, from a dedicated thread that drains the
 * {@link PublishBuffer}. Scraping only ever calls {@link #publish}, which never blocks. At most
 * {@value #MAX_IN_FLIGHT} records are handed to the Kafka producer at once (below the Emitter's own buffer, so it
 * never overflows); a nacked record (delivery timeout during a broker outage) goes back to its place in the
 * buffer. Per-key order is kept except for records acked while an earlier one of the same node was nacked, so
 * consumers order by {@code scrapeTime}.
 * The producer is idempotent with acks=all (application.properties), so the retries duplicate nothing.
 */
@ApplicationScoped
public class NodeScrapePublisher {

    static final int MAX_IN_FLIGHT = 64;
    private static final Logger LOG = Logger.getLogger(NodeScrapePublisher.class);

    private final Emitter<NodeScrape> emitter;
    private final PublishBuffer<NodeScrape> buffer;
    private final CollectorMetrics metrics;
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private volatile boolean running = true;
    private volatile boolean brokerFailing;
    private Thread drainer;

    public NodeScrapePublisher(@Channel(Topics.NODE_SCRAPES) Emitter<NodeScrape> emitter, CollectorConfig config,
            CollectorMetrics metrics) {
        this.emitter = emitter;
        this.buffer = new PublishBuffer<>(config.publishBufferSize());
        this.metrics = metrics;
        metrics.bufferGauge(buffer::size);
    }

    void onStartup(@Observes StartupEvent event) {
        start();
    }

    /** Starts the drain thread (also used by the unit test, without CDI). */
    void start() {
        drainer = new Thread(this::drain, "node-scrape-publisher");
        drainer.setDaemon(true);
        drainer.start();
    }

    void onShutdown(@Observes ShutdownEvent event) {
        stop();
    }

    void stop() {
        running = false;
        if (drainer != null) {
            drainer.interrupt();
        }
    }

    /** Queues one scrape; drops the oldest queued one when the buffer is full. Never blocks. */
    public void publish(NodeScrape scrape) {
        int dropped = buffer.offer(scrape);
        if (dropped > 0) {
            metrics.dropped(dropped);
            LOG.debugf("publish buffer full: dropped the oldest node scrape (%d dropped so far)", buffer.dropped());
        }
    }

    private void drain() {
        while (running) {
            try {
                if (brokerFailing) {
                    TimeUnit.MILLISECONDS.sleep(200); // back off while the broker refuses, not a hot retry loop
                }
                inFlight.acquire();
                PublishBuffer.Queued<NodeScrape> next = buffer.poll(1, TimeUnit.SECONDS);
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

    private void send(PublishBuffer.Queued<NodeScrape> entry) {
        NodeScrape scrape = entry.item();
        try {
            emitter.send(KafkaRecord.of(scrape.nodeName(), scrape)
                    .withAck(() -> {
                        inFlight.release();
                        metrics.published();
                        if (brokerFailing) {
                            brokerFailing = false;
                            LOG.info("publishing to " + Topics.NODE_SCRAPES + " works again");
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

    private void failed(PublishBuffer.Queued<NodeScrape> entry, Throwable failure) {
        int dropped = buffer.requeue(entry);
        if (dropped > 0) {
            metrics.dropped(dropped);
        }
        if (!brokerFailing) {
            brokerFailing = true;
            LOG.infof("publishing to %s failed, buffering up to the bound and retrying: %s", Topics.NODE_SCRAPES,
                    failure.getMessage());
        }
        inFlight.release();
    }

    public PublishBuffer<NodeScrape> buffer() {
        return buffer;
    }
}
