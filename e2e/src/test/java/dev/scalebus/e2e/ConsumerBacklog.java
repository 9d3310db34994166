package dev.scalebus.e2e;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A consumer group that is exactly N records behind on a one-partition topic of the real broker: the test is the
 * producer, and it commits the group's offset N records before the end, as a stalled consumer would have. Works on a
 * broker that kept the topic from an earlier run (the lag is relative to the end).
 */
final class ConsumerBacklog {

    private ConsumerBacklog() {
    }

    static void create(String bootstrap, String topic, String group, int behind) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            try {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
                    new StringSerializer())) {
                for (int i = 0; i < behind; i++) {
                    producer.send(new ProducerRecord<>(topic, "order-" + i, "{\"order\":" + i + "}"));
                }
                producer.flush();
            }
            TopicPartition tp = new TopicPartition(topic, 0);
            long end = admin.listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp).get().offset();
            admin.alterConsumerGroupOffsets(group, Map.of(tp, new OffsetAndMetadata(end - behind))).all().get();
        }
    }
}
