package dev.scalebus.collector.publish;

import dev.scalebus.collector.config.CollectorConfig;
import dev.scalebus.collector.ops.CollectorMetrics;
import dev.scalebus.events.NodeScrape;
import dev.scalebus.events.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * Sends NodeScrape events to {@value Topics#NODE_SCRAPES}, key = node name, through a {@link BufferedPublisher}
 * (bounded in bytes, drop-oldest, retriable failures back in their place, permanent ones dropped alone). Scraping
 * only ever calls {@link #publish}, which never blocks. Per-key order is kept except for records acked while an
 * earlier one of the same node was nacked, so consumers order by {@code scrapeTime}. The producer is idempotent with
 * acks=all (application.properties), so the producer's own retries duplicate nothing.
 */
@ApplicationScoped
public class NodeScrapePublisher {

    static final int MAX_IN_FLIGHT = BufferedPublisher.MAX_IN_FLIGHT;

    private final BufferedPublisher publisher;
    private final Duration flushDeadline;

    public NodeScrapePublisher(@Channel(Topics.NODE_SCRAPES) Emitter<byte[]> emitter, CollectorConfig config,
            CollectorMetrics metrics) {
        this.publisher = new BufferedPublisher(Topics.NODE_SCRAPES, emitter, config.publishBufferBytes(),
                metrics.publishing(), acked -> metrics.published());
        this.flushDeadline = config.publishShutdownTimeout();
    }

    void onStartup(@Observes StartupEvent event) {
        start();
    }

    /** Starts the drain thread (also used by the tests, without CDI). */
    void start() {
        publisher.start();
    }

    void onShutdown(@Observes ShutdownEvent event) {
        stop();
    }

    /** Flushes for up to publish-shutdown-timeout, then drops and counts what is left. */
    PublishBuffer.Removed stop() {
        return publisher.close(flushDeadline);
    }

    /** Queues one scrape; drops the oldest queued ones when the buffer is over its bound. Never blocks. */
    public void publish(NodeScrape scrape) {
        publisher.publish(scrape.nodeName(), scrape, 1);
    }

    public PublishBuffer<BufferedPublisher.Outgoing> buffer() {
        return publisher.buffer();
    }
}
