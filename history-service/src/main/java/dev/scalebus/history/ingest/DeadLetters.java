package dev.scalebus.history.ingest;

import dev.scalebus.events.Topics;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

/**
 * Sends a record no consumer could store to scalebus.dead-letter: the original key and bytes, the reason in
 * {@code scalebus-dead-letter-reason} (and SmallRye's {@code dead-letter-reason}), and where it came from.
 * Waits for the broker's ack, so that the source offset is committed only once the record is safe there.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final Emitter<byte[]> emitter;

    public DeadLetters(@Channel(Topics.DEAD_LETTER) Emitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    /** A record that failed, as read from its topic. */
    public record Failed(String topic, int partition, long offset, String key, byte[] value, String reason) {
    }

    public void send(Failed f) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetterReasonHandler.REASON_HEADER, bytes(f.reason()));
        headers.add("dead-letter-reason", bytes(f.reason()));
        headers.add("dead-letter-topic", bytes(f.topic()));
        headers.add("dead-letter-partition", bytes(Integer.toString(f.partition())));
        headers.add("dead-letter-offset", bytes(Long.toString(f.offset())));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(f.key()).withHeaders(headers).build();
        CompletableFuture<Void> sent = new CompletableFuture<>();
        emitter.send(Message.of(f.value(), Metadata.of(metadata), () -> {
            sent.complete(null);
            return CompletableFuture.completedFuture(null);
        }, e -> {
            sent.completeExceptionally(e);
            return CompletableFuture.completedFuture(null);
        }));
        try {
            sent.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted sending to " + Topics.DEAD_LETTER, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot send to " + Topics.DEAD_LETTER + ": " + e.getMessage(), e);
        }
        LOG.infof("record %s-%d@%d (key %s) sent to %s: %s", f.topic(), f.partition(), f.offset(), f.key(),
                Topics.DEAD_LETTER, f.reason());
    }

    private static byte[] bytes(String s) {
        return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
    }
}
