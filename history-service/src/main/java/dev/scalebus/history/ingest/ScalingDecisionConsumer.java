package dev.scalebus.history.ingest;

import dev.scalebus.events.EventJson;
import dev.scalebus.events.ScalingDecision;
import dev.scalebus.events.Topics;
import dev.scalebus.history.HistoryConfig;
import dev.scalebus.history.store.DecisionRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Stores every scaling decision, once (see {@link NodeScrapeConsumer} for the commit order). Unreadable and out of
 * range decisions, and those the database refuses, go to scalebus.dead-letter with the reason; while the database
 * is unavailable the decision is retried ({@link StoreRetry}), never dead-lettered.
 */
@ApplicationScoped
public class ScalingDecisionConsumer {

    private static final Logger LOG = Logger.getLogger(ScalingDecisionConsumer.class);
    private static final String NAME = "scaling-decisions";

    private final DecisionRepository decisions;
    private final DeadLetters deadLetters;
    private final StoreRetry retry;
    private final RecordRules rules;

    public ScalingDecisionConsumer(DecisionRepository decisions, DeadLetters deadLetters, StoreRetry retry,
            HistoryConfig config, Clock clock) {
        this.decisions = decisions;
        this.deadLetters = deadLetters;
        this.retry = retry;
        this.rules = new RecordRules(clock, config.ingest().futureSkew());
    }

    @Incoming(Topics.SCALING_DECISIONS)
    @Blocking
    public void consume(ConsumerRecord<String, ScalingDecision> r) {
        ScalingDecision decision = r.value();
        if (decision == null) {
            Header reason = r.headers().lastHeader(DeserializationFailureHandler.DESERIALIZATION_FAILURE_REASON);
            if (reason != null) {
                Header data = r.headers().lastHeader(DeserializationFailureHandler.DESERIALIZATION_FAILURE_DATA);
                deadLetters.send(new DeadLetters.Failed(r.topic(), r.partition(), r.offset(), r.key(),
                        data == null ? null : data.value(), new String(reason.value(), StandardCharsets.UTF_8)));
            } // else a tombstone: nothing to store
            return;
        }
        Optional<String> problem = rules.problem(decision);
        if (problem.isPresent()) {
            deadLetter(r, "out of range: " + problem.get());
            return;
        }
        boolean inserted;
        try {
            inserted = retry.untilStored(NAME,
                    () -> QuarkusTransaction.requiringNew().call(() -> decisions.insertIfAbsent(decision)));
        } catch (RuntimeException e) {
            if (Failures.classify(e) == Failures.Kind.DATABASE) {
                throw e; // only while shutting down: not acked, read again after the restart
            }
            deadLetter(r, "not stored: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            return;
        }
        if (inserted) {
            LOG.infof("decision %s stored: %s %s -> %d (%s)", decision.id(), decision.key(),
                    decision.currentReplicas(), decision.desiredReplicas(), decision.reason());
        } else {
            LOG.infof("decision %s re-delivered: already stored", decision.id());
        }
    }

    private void deadLetter(ConsumerRecord<String, ScalingDecision> r, String reason) {
        deadLetters.send(new DeadLetters.Failed(r.topic(), r.partition(), r.offset(), r.key(),
                EventJson.toBytes(r.value()), reason));
    }
}
