package dev.scalebus.autoscaler.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebus.events.EventJson;
import dev.scalebus.events.ScalingDecision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/** The outbox in memory with a scripted sender (the broker path is covered by LiveControllerTest). */
class DecisionOutboxTest {

    /** A sender whose sends stay open until the test acknowledges or fails them. */
    static final class Broker implements DecisionOutbox.Sender {
        final List<String> sent = new ArrayList<>();
        final List<CompletableFuture<Void>> open = new ArrayList<>();

        @Override
        public CompletionStage<Void> send(String key, ScalingDecision d) {
            sent.add(d.id());
            CompletableFuture<Void> f = new CompletableFuture<>();
            open.add(f);
            return f;
        }

        void ack() {
            open.remove(0).complete(null);
        }

        void fail(Throwable t) {
            open.remove(0).completeExceptionally(t);
        }
    }

    static ScalingDecision decision(String id) {
        return new ScalingDecision(1, id, new ScalingDecision.ObjectReference("ns", "hpa"),
                new ScalingDecision.CrossVersionObjectReference("apps/v1", "Deployment", "web"),
                Instant.parse("2026-12-06T00:00:00Z"), 1, 3, 3, "cpu above target", List.of(), null, List.of(),
                false);
    }

    @Test
    void aDecisionTheBrokerDidNotAcknowledgeIsRetriedInOrderAndNeverLost() {
        Broker broker = new Broker();
        DecisionOutbox outbox = new DecisionOutbox(broker, 1 << 20, DecisionPublisher::permanent);
        outbox.submit(decision("a"));
        outbox.submit(decision("b"));
        assertThat(broker.sent).containsExactly("a"); // one in flight: b waits behind a

        broker.fail(new TimeoutException("broker away"));
        assertThat(outbox.pending()).isEqualTo(2);
        outbox.flush();
        broker.ack();
        broker.ack();

        assertThat(broker.sent).containsExactly("a", "a", "b");
        assertThat(outbox.pending()).isZero();
        assertThat(outbox.published()).isEqualTo(2);
        assertThat(outbox.dropped()).isZero();
    }

    @Test
    void aRecordTheBrokerRefusesForGoodIsDroppedAloneAndCounted() {
        Broker broker = new Broker();
        DecisionOutbox outbox = new DecisionOutbox(broker, 1 << 20, DecisionPublisher::permanent);
        outbox.submit(decision("huge"));
        outbox.submit(decision("next"));
        broker.fail(new RecordTooLargeException("too large"));
        broker.ack();

        assertThat(broker.sent).containsExactly("huge", "next");
        assertThat(outbox.dropped()).isEqualTo(1);
        assertThat(outbox.published()).isEqualTo(1);
        assertThat(outbox.pending()).isZero();
    }

    @Test
    void aFullBufferDropsTheOldestWaitingDecisionAndCountsIt() {
        Broker broker = new Broker();
        int size = EventJson.toBytes(decision("a")).length;
        DecisionOutbox outbox = new DecisionOutbox(broker, 2L * size, DecisionPublisher::permanent);
        outbox.submit(decision("a")); // in flight
        outbox.submit(decision("b")); // waiting
        outbox.submit(decision("c")); // full: b, the oldest not yet handed over, goes

        assertThat(outbox.dropped()).isEqualTo(1);
        broker.ack();
        broker.ack();
        assertThat(broker.sent).containsExactly("a", "c");
        assertThat(outbox.pending()).isZero();
    }
}
