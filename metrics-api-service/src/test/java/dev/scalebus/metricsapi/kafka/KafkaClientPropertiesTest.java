package dev.scalebus.metricsapi.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The service's kafka.* settings merged under a raw client's own. */
class KafkaClientPropertiesTest {

    static final Map<String, Object> QUARKUS_DEFAULTS = Map.of("bootstrap.servers", "broker:9093",
            "security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
            "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
            "ssl.truststore.location", "/etc/kafka/ca.p12", "ssl.truststore.type", "PKCS12",
            "group.id", "metrics-api-service", "client.id", "from-config");

    @Test
    void securitySettingsReachTheClientAndItsOwnSettingsWin() {
        Properties p = new KafkaClientProperties(QUARKUS_DEFAULTS).with(Map.of("client.id", "own",
                "enable.auto.commit", "false"));

        assertThat(p).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;")
                .containsEntry("ssl.truststore.location", "/etc/kafka/ca.p12")
                .containsEntry("ssl.truststore.type", "PKCS12").containsEntry("bootstrap.servers", "broker:9093")
                .containsEntry("client.id", "own").containsEntry("enable.auto.commit", "false");
    }

    @Test
    void theApplicationGroupIdQuarkusAddsIsNotInherited() {
        assertThat(new KafkaClientProperties(QUARKUS_DEFAULTS).with(Map.of())).doesNotContainKey("group.id");
    }

    @Test
    void namesListTheSettingsWithoutTheirValues() {
        assertThat(new KafkaClientProperties(QUARKUS_DEFAULTS).names()).contains("sasl.jaas.config")
                .doesNotContain("org.apache.kafka.common.security.scram.ScramLoginModule required;");
    }
}
