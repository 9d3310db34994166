package dev.scalebus.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.scalebus.events.CustomMetricSamples;
import dev.scalebus.events.NodeScrape;
import dev.scalebus.events.ScalingDecision;
import dev.scalebus.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Each event type through the real broker started by {@code ./scalebus test} (bootstrap from
 * {@code SCALEBUS_KAFKA_BOOTSTRAP}, default 127.0.0.1:9092), on the real topics, with the events serde.
 */
class EventsThroughKafkaTest {

    static final String BOOTSTRAP = System.getenv().getOrDefault("SCALEBUS_KAFKA_BOOTSTRAP", "127.0.0.1:9092");

    @Test
    void nodeScrapeRoundTripsThroughTheBroker() {
        NodeScrape sent = dev.scalebus.events.SampleEvents.nodeScrape("roundtrip-" + UUID.randomUUID());
        NodeScrape received = roundTrip(Topics.NODE_SCRAPES, sent.nodeName(), sent, new NodeScrapeDeserializer());
        assertThat(received).usingRecursiveComparison().isEqualTo(sent);
    }

    @Test
    void scalingDecisionRoundTripsThroughTheBroker() {
        ScalingDecision sent = dev.scalebus.events.SampleEvents.scalingDecision("roundtrip-" + UUID.randomUUID());
        ScalingDecision received = roundTrip(Topics.SCALING_DECISIONS, sent.key(), sent,
                new ScalingDecisionDeserializer());
        assertThat(received).usingRecursiveComparison().isEqualTo(sent);
    }

    @Test
    void customMetricSamplesRoundTripThroughTheBroker() {
        CustomMetricSamples sent = dev.scalebus.events.SampleEvents.customMetricSamples("web-" + UUID.randomUUID());
        CustomMetricSamples received = roundTrip(Topics.CUSTOM_SAMPLES, sent.key(), sent,
                new CustomMetricSamplesDeserializer());
        assertThat(received).usingRecursiveComparison().isEqualTo(sent);
        assertThat(received.series().get(1).at(received.scrapeTime())).isEqualTo("2026-11-22T11:40:00.123Z");
        assertThat(received.series().get(0).at(received.scrapeTime())).isEqualTo(received.scrapeTime());
    }

    @Test
    void aMalformedRecordFailsToDeserializeWithTheReason() {
        String key = "malformed-" + UUID.randomUUID();
        RecordMetadata written;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps(), new StringSerializer(),
                new ByteArraySerializer())) {
            written = producer.send(new ProducerRecord<>("scalebus.test.malformed", key,
                    "{\"schemaVersion\":1,\"scrapeTime\":\"2026-11-22T10:00:00Z\"}".getBytes())).get();
        } catch (Exception e) {
            throw new AssertionError("could not produce to " + BOOTSTRAP, e);
        }
        try (KafkaConsumer<String, NodeScrape> consumer = new KafkaConsumer<>(consumerProps(), new StringDeserializer(),
                new NodeScrapeDeserializer())) {
            TopicPartition tp = new TopicPartition(written.topic(), written.partition());
            consumer.assign(List.of(tp));
            consumer.seek(tp, written.offset());
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThatThrownBy(() -> consumer.poll(Duration.ofMillis(500)))
                            .isInstanceOf(RecordDeserializationException.class)
                            .cause().isInstanceOf(SerializationException.class)
                            .hasMessage("malformed NodeScrape event: NodeScrape: required field 'nodeName' is missing"
                                    + " (topic scalebus.test.malformed)"));
        }
    }

    private static <T> T roundTrip(String topic, String key, Object event, Deserializer<T> deserializer) {
        RecordMetadata written;
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(producerProps(), new StringSerializer(),
                new EventSerializer())) {
            written = producer.send(new ProducerRecord<>(topic, key, event)).get();
        } catch (Exception e) {
            throw new AssertionError("could not produce to " + BOOTSTRAP + " (is the broker up? ./scalebus kafka start)", e);
        }
        try (KafkaConsumer<String, T> consumer = new KafkaConsumer<>(consumerProps(), new StringDeserializer(),
                deserializer)) {
            TopicPartition tp = new TopicPartition(written.topic(), written.partition());
            consumer.assign(List.of(tp));
            consumer.seek(tp, written.offset());
            List<ConsumerRecord<String, T>> mine = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (key.equals(r.key())) {
                        mine.add(r);
                    }
                });
                return !mine.isEmpty();
            });
            assertThat(mine).hasSize(1);
            return mine.get(0).value();
        }
    }

    private static Properties producerProps() {
        Properties p = new Properties();
        p.putAll(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true", ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000"));
        return p;
    }

    private static Properties consumerProps() {
        Properties p = new Properties();
        p.putAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"));
        return p;
    }
}
