package dev.scalebus.collector.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scalebus.collector.config.Settings;
import dev.scalebus.collector.ops.CollectorMetrics;
import dev.scalebus.events.EventJson;
import dev.scalebus.events.NodeScrape;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The publisher against a scripted broker (an Emitter whose sends the test acks or nacks). */
class NodeScrapePublisherTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    /** What one {@link #scrape} weighs in the buffer: key + JSON value. */
    private static final long RECORD_BYTES = "node-a".length() + EventJson.toBytes(scrape(0)).length;

    private final ScriptedBroker broker = new ScriptedBroker();
    private final CollectorMetrics metrics = new CollectorMetrics(new SimpleMeterRegistry());
    private NodeScrapePublisher publisher;

    @AfterEach
    void stop() {
        if (publisher != null) {
            publisher.stop();
        }
        broker.stop();
    }

    @Test
    void everyRecordWeighsTheSameSoTheBoundsBelowCountRecords() {
        assertThat(List.of(scrape(0), scrape(59), scrape(163)))
                .allSatisfy(s -> assertThat("node-a".length() + EventJson.toBytes(s).length).isEqualTo(RECORD_BYTES));
    }

    @Test
    void brokerOutageWithinTheBoundLosesNoCycleAndNothingIsDuplicated() {
        publisher = start(100);
        broker.down.set(true);
        for (int cycle = 0; cycle < 40; cycle++) {
            publisher.publish(scrape(cycle));
        }
        // sends back off while the broker refuses (200 ms doubling up to 5 s): a few failures, not a hot loop
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(broker.nacked).hasSizeGreaterThanOrEqualTo(3));

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
        assertThat(publisher.buffer().droppedBytes()).isEqualTo(95 * RECORD_BYTES);
        assertThat(publisher.buffer().bytes()).isEqualTo(5 * RECORD_BYTES);
        assertThat(metrics.publishing().dropped(PublishFailures.BUFFER_FULL)).isEqualTo(95);
        assertThat(metrics.publishing().droppedBytes(PublishFailures.BUFFER_FULL)).isEqualTo(95.0 * RECORD_BYTES);

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
    void aRecordTheBrokerRefusesForGoodIsDroppedAloneAndCountedWhileTheOthersGoOn() {
        publisher = start(100);
        broker.refuse.put("node-huge", new RecordTooLargeException("The message is 2000000 bytes when serialized"
                + " which is larger than 1048576, the value of max.request.size"));
        for (int cycle = 0; cycle < 10; cycle++) {
            publisher.publish(scrape("node-a", cycle));
            publisher.publish(scrape("node-huge", cycle));
            publisher.publish(scrape("node-b", cycle));
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(broker.acked).hasSize(20));
        await().atMost(Duration.ofSeconds(10)).until(() -> metrics.publishing()
                .dropped(PublishFailures.RECORD_TOO_LARGE) == 10);
        assertThat(broker.acked).extracting(NodeScrape::nodeName).containsOnly("node-a", "node-b");
        assertThat(broker.sent).as("each refused record is sent once, never retried")
                .filteredOn("node-huge"::equals).hasSize(10);
        long hugeBytes = "node-huge".length() + EventJson.toBytes(scrape("node-huge", 0)).length;
        assertThat(metrics.publishing().droppedBytes(PublishFailures.RECORD_TOO_LARGE)).isEqualTo(10.0 * hugeBytes);
        assertThat(metrics.publishing().dropped(PublishFailures.BUFFER_FULL)).isZero();
        assertThat(publisher.buffer().size()).isZero();
        assertThat(publisher.buffer().bytes()).isZero();
    }

    @Test
    void aFailureThatIsNotKafkasIsRetriedAFewTimesThenDropped() {
        publisher = start(100);
        broker.refuse.put("node-odd", new IllegalStateException("something in the connector"));
        publisher.publish(scrape("node-odd", 0));
        publisher.publish(scrape("node-a", 0));

        await().atMost(Duration.ofSeconds(60)).until(() -> metrics.publishing()
                .dropped(PublishFailures.REPEATED_FAILURE) == 1);
        assertThat(broker.sent).filteredOn("node-odd"::equals).hasSize(PublishFailures.MAX_UNCLASSIFIED_FAILURES);
        assertThat(broker.acked).extracting(NodeScrape::nodeName).containsExactly("node-a");
        assertThat(publisher.buffer().size()).isZero();
    }

    @Test
    void anEventThatCannotBeSerializedIsDroppedBeforeTheBuffer() {
        BufferedPublisher raw = new BufferedPublisher("t", broker, 1 << 20, metrics.publishing(), acked -> { });
        raw.start();
        try {
            raw.publish("node-x", new Unwritable(), 1);
            raw.publish("node-a", scrape(0), 1);

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(broker.acked).hasSize(1));
            assertThat(metrics.publishing().dropped(PublishFailures.SERIALIZATION)).isEqualTo(1);
            assertThat(broker.sent).containsExactly("node-a");
        } finally {
            raw.close(Duration.ZERO);
        }
    }

    @Test
    void shutdownFlushesWhatTheBrokerAcceptsInTime() {
        publisher = start(1000);
        for (int cycle = 0; cycle < 300; cycle++) {
            publisher.publish(scrape(cycle));
        }

        PublishBuffer.Removed left = publisher.stop();

        assertThat(left).isEqualTo(PublishBuffer.Removed.NONE);
        assertThat(broker.acked).hasSize(300);
        assertThat(metrics.publishing().dropped(PublishFailures.SHUTDOWN)).isZero();
    }

    @Test
    void shutdownWithTheBrokerAwayCountsWhatIsLeftUnsent() {
        publisher = start(1000 * RECORD_BYTES, Duration.ofMillis(300));
        broker.hold.set(true);
        int inFlight = NodeScrapePublisher.MAX_IN_FLIGHT;
        for (int cycle = 0; cycle < inFlight + 10; cycle++) {
            publisher.publish(scrape(cycle));
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(broker.held).hasSize(inFlight));

        PublishBuffer.Removed left = publisher.stop();

        assertThat(left).isEqualTo(new PublishBuffer.Removed(10, 10 * RECORD_BYTES));
        assertThat(metrics.publishing().dropped(PublishFailures.SHUTDOWN)).isEqualTo(10);
        assertThat(metrics.publishing().droppedBytes(PublishFailures.SHUTDOWN)).isEqualTo(10.0 * RECORD_BYTES);
        publisher.publish(scrape(999)); // after shutdown: counted, not queued
        assertThat(metrics.publishing().dropped(PublishFailures.SHUTDOWN)).isEqualTo(11);
        assertThat(publisher.buffer().size()).isZero();
    }

    @Test
    void recordsAreKeyedByNodeName() {
        publisher = start(10);
        publisher.publish(scrape(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> !broker.keys.isEmpty());
        assertThat(broker.keys).containsExactly("node-a");
    }

    /** A publisher whose buffer holds {@code bound} records of {@link #scrape} (they all weigh the same). */
    private NodeScrapePublisher start(int bound) {
        return start(bound * RECORD_BYTES, Duration.ofSeconds(5));
    }

    private NodeScrapePublisher start(long boundBytes, Duration shutdownTimeout) {
        NodeScrapePublisher started = new NodeScrapePublisher(broker,
                Settings.defaults().withPublishBuffer(boundBytes, shutdownTimeout), metrics);
        started.start();
        return started;
    }

    private static NodeScrape scrape(int cycle) {
        return scrape("node-a", cycle);
    }

    private static NodeScrape scrape(String node, int cycle) {
        return NodeScrape.of(node, T0.plusSeconds(cycle), 5, NodeScrape.SOURCE_METRICS_RESOURCE, null, List.of());
    }

    /** Jackson cannot write it: its only property throws. */
    static final class Unwritable {
        public String getValue() {
            throw new IllegalStateException("not writable");
        }
    }

    /** Acks or nacks each send on its own thread, like the Kafka producer's callbacks. */
    private static final class ScriptedBroker implements Emitter<byte[]> {
        final AtomicBoolean down = new AtomicBoolean();
        final AtomicBoolean hold = new AtomicBoolean();
        final List<NodeScrape> acked = new CopyOnWriteArrayList<>();
        final List<NodeScrape> nacked = new CopyOnWriteArrayList<>();
        final List<Message<? extends byte[]>> held = new CopyOnWriteArrayList<>();
        final List<String> keys = new CopyOnWriteArrayList<>();
        /** Node names of every send that reached the broker, retries included. */
        final List<String> sent = new CopyOnWriteArrayList<>();
        /** Nodes whose records the broker refuses, and with what. */
        final Map<String, Throwable> refuse = new ConcurrentHashMap<>();
        private final BlockingQueue<Message<? extends byte[]>> sends = new LinkedBlockingQueue<>();
        private final Thread callbacks = new Thread(this::run, "scripted-broker");

        ScriptedBroker() {
            callbacks.setDaemon(true);
            callbacks.start();
        }

        @Override
        public <M extends Message<? extends byte[]>> void send(M message) {
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
                    Message<? extends byte[]> message = sends.poll(50, TimeUnit.MILLISECONDS);
                    if (message == null) {
                        continue;
                    }
                    NodeScrape scrape = EventJson.fromBytes(message.getPayload(), NodeScrape.class);
                    sent.add(scrape.nodeName());
                    Throwable refusal = refuse.get(scrape.nodeName());
                    if (hold.get()) {
                        held.add(message);
                    } else if (refusal != null) {
                        message.nack(refusal);
                    } else if (down.get()) {
                        nacked.add(scrape);
                        message.nack(new org.apache.kafka.common.errors.TimeoutException("broker down"));
                    } else {
                        acked.add(scrape);
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
        public CompletionStage<Void> send(byte[] payload) {
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
