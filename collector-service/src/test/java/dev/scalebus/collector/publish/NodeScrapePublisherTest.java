package dev.scalebus.collector.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scalebus.collector.config.Settings;
import dev.scalebus.collector.ops.CollectorMetrics;
import dev.scalebus.events.NodeScrape;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The publisher against a scripted broker (an Emitter whose sends the test acks or nacks). */
class NodeScrapePublisherTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final ScriptedBroker broker = new ScriptedBroker();
    private final CollectorMetrics metrics = new CollectorMetrics(new SimpleMeterRegistry());
    private NodeScrapePublisher publisher;

    @AfterEach
    void stop() {
        broker.stop();
        publisher.stop();
    }

    @Test
    void brokerOutageWithinTheBoundLosesNoCycleAndNothingIsDuplicated() {
        publisher = start(100);
        broker.down.set(true);
        for (int cycle = 0; cycle < 40; cycle++) {
            publisher.publish(scrape(cycle));
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(broker.nacked).hasSizeGreaterThanOrEqualTo(40));

        broker.down.set(false);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(broker.acked).hasSize(40));
        assertThat(broker.acked).extracting(s -> s.scrapeTime().getEpochSecond() - T0.getEpochSecond())
                .containsExactlyElementsOf(java.util.stream.LongStream.range(0, 40).boxed().toList());
        assertThat(metrics.publishedCount()).isEqualTo(40);
        assertThat(publisher.buffer().dropped()).isZero();
    }

    @Test
    void outageLongerThanTheBoundDropsTheOldestCyclesAndCountsThem() {
        publisher = start(5);
        broker.hold.set(true); // an unresponsive broker: sends neither ack nor nack, in-flight sends pile up
        int inFlight = NodeScrapePublisher.MAX_IN_FLIGHT;
        for (int cycle = 0; cycle < inFlight; cycle++) {
            publisher.publish(scrape(cycle));
            int sent = cycle + 1;
            await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(broker.held).hasSize(sent));
        }
        for (int cycle = inFlight; cycle < inFlight + 100; cycle++) {
            publisher.publish(scrape(cycle)); // never blocks although nothing moves
        }
        assertThat(publisher.buffer().dropped()).isEqualTo(95);

        broker.hold.set(false);
        broker.releaseHeld();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(broker.acked).hasSize(inFlight + 5));
        List<Instant> expected = new java.util.ArrayList<>();
        for (int cycle = 0; cycle < inFlight; cycle++) {
            expected.add(T0.plusSeconds(cycle));
        }
        for (int cycle = inFlight + 95; cycle < inFlight + 100; cycle++) {
            expected.add(T0.plusSeconds(cycle)); // the newest cycles survive
        }
        assertThat(broker.acked).extracting(NodeScrape::scrapeTime).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void recordsAreKeyedByNodeName() {
        publisher = start(10);
        publisher.publish(scrape(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> !broker.keys.isEmpty());
        assertThat(broker.keys).containsExactly("node-a");
    }

    private NodeScrapePublisher start(int bound) {
        NodeScrapePublisher started = new NodeScrapePublisher(broker, Settings.defaults().withPublishBufferSize(bound),
                metrics);
        started.start();
        return started;
    }

    private static NodeScrape scrape(int cycle) {
        return NodeScrape.of("node-a", T0.plusSeconds(cycle), 5, NodeScrape.SOURCE_METRICS_RESOURCE, null, List.of());
    }

    /** Acks or nacks each send on its own thread, like the Kafka producer's callbacks. */
    private static final class ScriptedBroker implements Emitter<NodeScrape> {
        final AtomicBoolean down = new AtomicBoolean();
        final AtomicBoolean hold = new AtomicBoolean();
        final List<NodeScrape> acked = new CopyOnWriteArrayList<>();
        final List<NodeScrape> nacked = new CopyOnWriteArrayList<>();
        final List<Message<? extends NodeScrape>> held = new CopyOnWriteArrayList<>();
        final List<String> keys = new CopyOnWriteArrayList<>();
        private final BlockingQueue<Message<? extends NodeScrape>> sends = new LinkedBlockingQueue<>();
        private final Thread callbacks = new Thread(this::run, "scripted-broker");

        ScriptedBroker() {
            callbacks.setDaemon(true);
            callbacks.start();
        }

        @Override
        public <M extends Message<? extends NodeScrape>> void send(M message) {
            message.getMetadata(OutgoingKafkaRecordMetadata.class).ifPresent(m -> keys.add((String) m.getKey()));
            sends.add(message);
        }

        void releaseHeld() {
            sends.addAll(held);
            held.clear();
        }

        private void run() {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Message<? extends NodeScrape> message = sends.poll(50, TimeUnit.MILLISECONDS);
                    if (message == null) {
                        continue;
                    }
                    if (hold.get()) {
                        held.add(message);
                    } else if (down.get()) {
                        nacked.add(message.getPayload());
                        message.nack(new org.apache.kafka.common.errors.TimeoutException("broker down"));
                    } else {
                        acked.add(message.getPayload());
                        message.ack();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void stop() {
            callbacks.interrupt();
        }

        @Override
        public CompletionStage<Void> send(NodeScrape payload) {
            throw new UnsupportedOperationException("the publisher sends Messages");
        }

        @Override
        public void complete() {
        }

        @Override
        public void error(Exception e) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean hasRequests() {
            return true;
        }
    }
}
