package dev.scalebus.metricsapi.kafka;

import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The properties of the service's own Kafka clients (the feeds' {@code KafkaConsumer}, the lag {@code Admin}): every
 * {@code kafka.*} setting Quarkus gives the SmallRye channels (its {@code default-kafka-broker} map: security.protocol,
 * sasl.*, ssl.*, bootstrap.servers ...), with the client's own settings merged over them. So SASL and TLS configured
 * once (env KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_MECHANISM, KAFKA_SASL_JAAS_CONFIG, KAFKA_SSL_TRUSTSTORE_LOCATION ...)
 * reach every client of the service.
 *
 * <p>{@code group.id} is never taken from the common settings (Quarkus fills it with the application name): the feeds
 * assign partitions without a group and the admin client names the group it asks about per call.
 */
public record KafkaClientProperties(Map<String, Object> common) {

    /** Common settings that are not a client's business. */
    private static final Set<String> NOT_INHERITED = Set.of("group.id");

    public KafkaClientProperties {
        common = Map.copyOf(common);
    }

    /** The common settings, then {@code own} over them (own settings such as deserializers or client.id win). */
    public Properties with(Map<String, ?> own) {
        Properties p = new Properties();
        common.forEach((key, value) -> {
            if (!NOT_INHERITED.contains(key) && value != null && !String.valueOf(value).isEmpty()) {
                p.put(key, value);
            }
        });
        own.forEach((key, value) -> {
            if (value != null) {
                p.put(key, value);
            }
        });
        return p;
    }

    /** Names of the common settings, for a start-up log line (values may be secrets: never logged). */
    public Set<String> names() {
        return new TreeMap<>(common).keySet();
    }
}
