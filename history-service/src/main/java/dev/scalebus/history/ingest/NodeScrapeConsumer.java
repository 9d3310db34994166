package dev.scalebus.history.ingest;

import dev.scalebus.events.EventJson;
import dev.scalebus.events.NodeScrape;
import dev.scalebus.events.Topics;
import dev.scalebus.history.HistoryConfig;
import dev.scalebus.history.store.SampleWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Stores node scrapes a poll batch at a time: one transaction and three multi-row inserts for the whole batch.
 * The method is blocking and returns only after the database commit, so SmallRye acks the batch (and the throttled
 * strategy commits its offsets) only then; a crash in between re-delivers the batch, which the natural keys make
 * harmless. Unreadable records (the failure handler turned them into null), records out of range
 * ({@link RecordRules}) and records the database refuses or that cannot be mapped go to scalebus.dead-letter with
 * the reason, before the batch is acked; the rest of the batch is stored. While the database is unavailable the
 * same batch is retried ({@link StoreRetry}): nothing lost, nothing dead-lettered that the database would take.
 */
@ApplicationScoped
public class NodeScrapeConsumer {

    private static final Logger LOG = Logger.getLogger(NodeScrapeConsumer.class);
    private static final String NAME = "node-scrapes";

    private final SampleWriter writer;
    private final DeadLetters deadLetters;
    private final StoreRetry retry;
    private final RecordRules rules;
    private final HistoryConfig config;
    private final Clock clock;
    private final Counter containerSamples;

    public NodeScrapeConsumer(SampleWriter writer, DeadLetters deadLetters, StoreRetry retry, HistoryConfig config,
            Clock clock, MeterRegistry registry) {
        this.writer = writer;
        this.deadLetters = deadLetters;
        this.retry = retry;
        this.rules = new RecordRules(clock, config.ingest().futureSkew());
        this.config = config;
        this.clock = clock;
        this.containerSamples = registry.counter("scalebus.history.container.samples.stored");
    }

    @Incoming(Topics.NODE_SCRAPES)
    @Blocking
    public void consume(ConsumerRecords<String, NodeScrape> batch) {
        List<ConsumerRecord<String, NodeScrape>> good = new ArrayList<>();
        for (ConsumerRecord<String, NodeScrape> r : batch) {
            if (r.value() == null) {
                Header reason = r.headers().lastHeader(DeserializationFailureHandler.DESERIALIZATION_FAILURE_REASON);
                if (reason != null) {
                    Header data = r.headers().lastHeader(DeserializationFailureHandler.DESERIALIZATION_FAILURE_DATA);
                    deadLetters.send(new DeadLetters.Failed(r.topic(), r.partition(), r.offset(), r.key(),
                            data == null ? null : data.value(), new String(reason.value(), StandardCharsets.UTF_8)));
                } // else a tombstone: nothing to store
                continue;
            }
            Optional<String> problem = rules.problem(r.value());
            if (problem.isPresent()) {
                deadLetter(r, "out of range: " + problem.get());
            } else {
                good.add(r);
            }
        }
        if (good.isEmpty()) {
            return;
        }
        Instant notBefore = clock.instant().minus(config.retention().raw());
        try {
            retry.untilStored(NAME, () -> store(good.stream().map(ConsumerRecord::value).toList(), notBefore));
        } catch (RuntimeException batchFailed) {
            if (Failures.classify(batchFailed) == Failures.Kind.DATABASE) {
                throw batchFailed; // only while shutting down: nothing acked, the batch is read again
            }
            // not the database's fault: some record's data. Store one by one, dead-letter those that fail
            LOG.infof("batch of %d scrapes failed (%s); storing one by one", good.size(), batchFailed.getMessage());
            for (ConsumerRecord<String, NodeScrape> r : good) {
                try {
                    retry.untilStored(NAME, () -> store(List.of(r.value()), notBefore));
                } catch (RuntimeException e) {
                    if (Failures.classify(e) == Failures.Kind.DATABASE) {
                        throw e;
                    }
                    deadLetter(r, "not stored: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
                }
            }
        }
    }

    private void deadLetter(ConsumerRecord<String, NodeScrape> r, String reason) {
        deadLetters.send(new DeadLetters.Failed(r.topic(), r.partition(), r.offset(), r.key(),
                EventJson.toBytes(r.value()), reason));
    }

    private SampleWriter.Written store(List<NodeScrape> scrapes, Instant notBefore) {
        SampleWriter.Written written = QuarkusTransaction.requiringNew().call(() -> writer.write(scrapes, notBefore));
        containerSamples.increment(written.containers());
        LOG.debugf("stored %d scrapes: %s", scrapes.size(), written);
        return written;
    }
}
