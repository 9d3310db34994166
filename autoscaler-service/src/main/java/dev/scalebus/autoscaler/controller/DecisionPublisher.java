package dev.scalebus.autoscaler.controller;

import dev.scalebus.events.ScalingDecision;
import dev.scalebus.events.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * Publishes decisions on {@link Topics#SCALING_DECISIONS} (key namespace/name) through a {@link DecisionOutbox}:
 * each is kept until the broker acknowledged it ({@code acks=all}), retried every second while the broker is away.
 * Metrics: {@code scalebus_autoscaler_decisions_pending}, {@code ..._published_total}, {@code ..._dropped_total}.
 */
@ApplicationScoped
public class DecisionPublisher {

    private final DecisionOutbox outbox;

    public DecisionPublisher(@Channel(Topics.SCALING_DECISIONS) Emitter<ScalingDecision> emitter,
            AutoscalerConfig config, MeterRegistry registry) {
        this.outbox = new DecisionOutbox((key, d) -> {
            CompletableFuture<Void> acked = new CompletableFuture<>();
            emitter.send(KafkaRecord.of(key, d).withAck(() -> {
                acked.complete(null);
                return CompletableFuture.completedFuture(null);
            }).withNack(t -> {
                acked.completeExceptionally(t);
                return CompletableFuture.completedFuture(null);
            }));
            return acked;
        }, config.decisionBufferMaxBytes(), DecisionPublisher::permanent);
        registry.gauge("scalebus.autoscaler.decisions.pending", outbox, DecisionOutbox::pending);
        registry.more().counter("scalebus.autoscaler.decisions.published", java.util.List.of(), outbox,
                DecisionOutbox::published);
        registry.more().counter("scalebus.autoscaler.decisions.dropped", java.util.List.of(), outbox,
                DecisionOutbox::dropped);
    }

    /** Failures a retry cannot cure: the record itself is refused. */
    static boolean permanent(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof RecordTooLargeException || c instanceof SerializationException
                    || c instanceof InvalidTopicException) {
                return true;
            }
        }
        return false;
    }

    public void publish(ScalingDecision d) {
        outbox.submit(d);
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void retry() {
        outbox.flush();
    }

    public DecisionOutbox outbox() {
        return outbox;
    }
}
