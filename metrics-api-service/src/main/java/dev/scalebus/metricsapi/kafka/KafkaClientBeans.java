package dev.scalebus.metricsapi.kafka;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Map;
import org.jboss.logging.Logger;

/** The service's {@code kafka.*} settings, as Quarkus collects them for the SmallRye channels, for its own clients. */
public class KafkaClientBeans {

    private static final Logger LOG = Logger.getLogger(KafkaClientBeans.class);

    @Produces
    @Singleton
    KafkaClientProperties kafkaClientProperties(@Identifier("default-kafka-broker") Map<String, Object> defaults) {
        KafkaClientProperties properties = new KafkaClientProperties(defaults);
        LOG.infof("Kafka clients (feeds, lag admin) take the kafka.* settings %s", properties.names());
        return properties;
    }
}
