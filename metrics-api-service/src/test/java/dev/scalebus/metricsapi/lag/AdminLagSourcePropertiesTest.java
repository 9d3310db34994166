package dev.scalebus.metricsapi.lag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebus.metricsapi.kafka.KafkaClientProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lag admin client is built with the service's Kafka security settings, not only the bootstrap servers. */
class AdminLagSourcePropertiesTest {

    @Test
    void theAdminClientTakesSaslAndTlsSettingsAndItsOwnBootstrapServers() {
        KafkaClientProperties kafka = new KafkaClientProperties(Map.of("bootstrap.servers", "service-broker:9093",
                "security.protocol", "SASL_SSL", "sasl.mechanism", "PLAIN", "ssl.truststore.location", "/ca.p12"));

        try (AdminLagSource source = new AdminLagSource(kafka, "lag-broker:9093", 1000)) {
            assertThat(source.properties()).containsEntry("security.protocol", "SASL_SSL")
                    .containsEntry("sasl.mechanism", "PLAIN").containsEntry("ssl.truststore.location", "/ca.p12")
                    .containsEntry("bootstrap.servers", "lag-broker:9093")
                    .containsEntry("client.id", "metrics-api-kafka-lag")
                    .containsEntry("request.timeout.ms", 1000);
        }
    }
}
