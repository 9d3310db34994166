package dev.scalebus.collector.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * What the SmallRye Kafka sink does for a publisher outside Quarkus: {@code producer.send} on its own sending thread
 * (send may block up to max.block.ms while the producer has no metadata, and must not block the caller), with the
 * record's key, ack or nack from the producer callback. The producer gets the settings of an outgoing channel in
 * application.properties ({@link #producerSettings}).
 */
public final class ProducerEmitter implements Emitter<byte[]>, AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final ExecutorService sendingThread = Executors.newSingleThreadExecutor();

    public ProducerEmitter(String channel, String bootstrap, String topic) throws Exception {
        this.producer = new KafkaProducer<>(producerSettings(channel, bootstrap));
        this.topic = topic;
    }

    /** The Kafka properties of {@code mp.messaging.outgoing."<channel>".*}, pointed at {@code bootstrap}. */
    static Properties producerSettings(String channel, String bootstrap) throws Exception {
        String prefix = "mp.messaging.outgoing.\"" + channel + "\".";
        Properties file = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            file.load(in);
        }
        Properties producer = new Properties();
        for (String name : file.stringPropertyNames()) {
            if (name.startsWith(prefix)) {
                String key = name.substring(prefix.length());
                if (!key.equals("connector") && !key.equals("topic")) {
                    producer.put(key, file.getProperty(name));
                }
            }
        }
        assertThat(producer).as("producer settings of " + channel).containsEntry("acks", "all")
                .containsEntry("value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer")
                .containsEntry("enable.idempotence", "true").containsKey("delivery.timeout.ms");
        producer.put("bootstrap.servers", bootstrap);
        return producer;
    }

    @Override
    public <M extends Message<? extends byte[]>> void send(M message) {
        String key = message.getMetadata(OutgoingKafkaRecordMetadata.class).map(m -> (String) m.getKey())
                .orElseThrow();
        sendingThread.execute(() -> {
            try {
                producer.send(new ProducerRecord<>(topic, key, message.getPayload()), (metadata, failure) -> {
                    if (failure == null) {
                        message.ack();
                    } else {
                        message.nack(failure);
                    }
                });
            } catch (RuntimeException e) { // what send throws instead of calling back, the connector nacks too
                message.nack(e);
            }
        });
    }

    @Override
    public CompletionStage<Void> send(byte[] payload) {
        throw new UnsupportedOperationException("the publishers send Messages");
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

    @Override
    public void close() {
        sendingThread.shutdownNow();
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
