package dev.scalebus.metricsapi.lag;

import dev.scalebus.metricsapi.kafka.KafkaClientProperties;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * {@link LagSource} over the Kafka AdminClient: {@code listConsumerGroupOffsets} for the committed offsets,
 * {@code describeTopics} for the partitions and {@code listOffsets(latest)} for the log ends, as KEDA's scaler asks
 * its sarama admin. A topic that does not exist has no partitions (no lag item).
 */
public final class AdminLagSource implements LagSource, AutoCloseable {

    private final KafkaClientProperties kafka;
    private final String bootstrapServers;
    private final long timeoutMillis;
    private volatile Admin admin;

    public AdminLagSource(String bootstrapServers, long timeoutMillis) {
        this(new KafkaClientProperties(Map.of()), bootstrapServers, timeoutMillis);
    }

    /**
     * @param kafka the service's kafka.* settings (security.protocol, sasl.*, ssl.* ...), under the admin's own
     * @param bootstrapServers the broker asked (the lag setting's or the service's own)
     */
    public AdminLagSource(KafkaClientProperties kafka, String bootstrapServers, long timeoutMillis) {
        this.kafka = kafka;
        this.bootstrapServers = bootstrapServers;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public GroupOffsets offsets(String group, String topic) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin().listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(timeoutMillis, TimeUnit.MILLISECONDS);
            Set<String> topics = new TreeSet<>();
            Map<Partition, Long> committedOffsets = new HashMap<>();
            committed.forEach((tp, om) -> {
                if (topic == null || topic.equals(tp.topic())) {
                    topics.add(tp.topic());
                    if (om != null) {
                        committedOffsets.put(new Partition(tp.topic(), tp.partition()), om.offset());
                    }
                }
            });
            if (topic != null) {
                topics.add(topic);
            }
            Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
            for (String t : topics) {
                TopicDescription d = describe(t);
                if (d != null) {
                    d.partitions().forEach(p -> ask.put(new TopicPartition(t, p.partition()), OffsetSpec.latest()));
                }
            }
            Map<Partition, Long> latest = new HashMap<>();
            if (!ask.isEmpty()) {
                Map<TopicPartition, ListOffsetsResultInfo> ends = admin().listOffsets(ask).all()
                        .get(timeoutMillis, TimeUnit.MILLISECONDS);
                ends.forEach((tp, info) -> latest.put(new Partition(tp.topic(), tp.partition()), info.offset()));
            }
            return new GroupOffsets(committedOffsets, latest);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new LagUnavailableException("the Kafka broker at " + bootstrapServers + " did not answer the offset "
                    + "queries for consumer group " + group + ": " + cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LagUnavailableException("interrupted while asking the Kafka broker at " + bootstrapServers);
        }
    }

    private TopicDescription describe(String topic) throws InterruptedException, ExecutionException,
            TimeoutException {
        try {
            return admin().describeTopics(Set.of(topic)).allTopicNames().get(timeoutMillis, TimeUnit.MILLISECONDS)
                    .get(topic);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return null;
            }
            throw e;
        }
    }

    private Admin admin() {
        Admin a = admin;
        if (a == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = Admin.create(properties());
                }
                a = admin;
            }
        }
        return a;
    }

    /** The admin client's settings: the service's kafka.* ones (security included) under its own. */
    Properties properties() {
        Map<String, Object> own = new HashMap<>();
        own.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        own.put(AdminClientConfig.CLIENT_ID_CONFIG, "metrics-api-kafka-lag");
        own.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeoutMillis);
        own.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeoutMillis);
        return kafka.with(own);
    }

    @Override
    public String describe() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        Admin a = admin;
        if (a != null) {
            a.close(java.time.Duration.ofSeconds(2));
        }
    }
}
