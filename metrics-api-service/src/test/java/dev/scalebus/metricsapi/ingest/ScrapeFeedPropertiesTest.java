package dev.scalebus.metricsapi.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebus.metricsapi.kafka.KafkaClientProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/** The feed's raw KafkaConsumer is built with the service's Kafka security settings under its own. */
class ScrapeFeedPropertiesTest {

    @Test
    void theConsumerTakesSaslAndTlsSettingsButNoGroup() {
        KafkaClientProperties kafka = new KafkaClientProperties(Map.of("bootstrap.servers", "broker:9093",
                "security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-256",
                "sasl.jaas.config", "x required;", "ssl.truststore.location", "/ca.p12",
                "group.id", "metrics-api-service", "value.deserializer", "not.Mine"));
        Clock clock = Clock.systemUTC();

        ScrapeFeed feed = new ScrapeFeed(kafka, "t", ScrapeFeed.sinkOf(null), Duration.ofSeconds(30), clock,
                FeedHealth.forResolution(clock, Duration.ofSeconds(15)));

        assertThat(feed.properties()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-256").containsEntry("sasl.jaas.config", "x required;")
                .containsEntry("ssl.truststore.location", "/ca.p12").containsEntry("bootstrap.servers", "broker:9093")
                .containsEntry("value.deserializer", ByteArrayDeserializer.class.getName())
                .containsEntry("enable.auto.commit", "false").doesNotContainKey("group.id");
    }
}
