package dev.scalebus.history.ingest;

import dev.scalebus.events.NodeScrape;
import dev.scalebus.events.Topics;
import dev.scalebus.history.HistoryConfig;
import dev.scalebus.history.store.SampleWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Stores every node scrape. The method is blocking and transactional: it returns (and SmallRye acks the record)
 * only after the database commit, and the throttled commit strategy commits an offset only once every record
 * before it is acked. A crash between the two re-delivers the record, which the natural keys make harmless.
 * A record that cannot be read never gets here: the failure handler sends it to the dead-letter topic.
 */
@ApplicationScoped
public class NodeScrapeConsumer {

    private static final Logger LOG = Logger.getLogger(NodeScrapeConsumer.class);

    private final SampleWriter writer;
    private final HistoryConfig config;
    private final Clock clock;
    private final Counter containerSamples;
    private final Counter duplicates;

    public NodeScrapeConsumer(SampleWriter writer, HistoryConfig config, Clock clock, MeterRegistry registry) {
        this.writer = writer;
        this.config = config;
        this.clock = clock;
        this.containerSamples = registry.counter("scalebus.history.container.samples.stored");
        this.duplicates = registry.counter("scalebus.history.scrapes.redelivered");
    }

    @Incoming(Topics.NODE_SCRAPES)
    @Blocking
    @Transactional
    public void consume(NodeScrape scrape) {
        if (scrape == null) {
            return; // a tombstone: nothing to store
        }
        SampleWriter.Written written = writer.write(List.of(scrape), clock.instant().minus(config.retention().raw()));
        containerSamples.increment(written.containers());
        if (written.pods() == 0 && !scrape.pods().isEmpty()) {
            duplicates.increment();
        }
        LOG.debugf("scrape of %s at %s: stored %s", scrape.nodeName(), scrape.scrapeTime(), written);
    }
}
