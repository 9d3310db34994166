package dev.scalebus.history.ingest;

import dev.scalebus.events.Topics;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.jboss.logging.Logger;

/**
 * Recovers from an unreadable record with null, after naming the reason in the header the scalebus contract
 * documents ({@code scalebus-dead-letter-reason}). SmallRye has already added its deserialization-failure-* headers,
 * among them deserialization-failure-dlq, which makes the dead-letter-queue failure strategy send the record (with
 * its original bytes and these headers) to scalebus.dead-letter before it reaches the consumer method; the
 * consumer then goes on with the next record.
 */
@ApplicationScoped
@Identifier(DeadLetterReasonHandler.NAME)
public class DeadLetterReasonHandler implements DeserializationFailureHandler<Object> {

    public static final String NAME = "scalebus-dead-letter-reason";
    public static final String REASON_HEADER = "scalebus-dead-letter-reason";

    private static final Logger LOG = Logger.getLogger(DeadLetterReasonHandler.class);

    @Override
    public Object handleDeserializationFailure(String topic, boolean isKey, String deserializer, byte[] data,
            Exception exception, Headers headers) {
        String reason = exception.getMessage() != null ? exception.getMessage() : exception.toString();
        if (headers != null) {
            headers.remove(REASON_HEADER);
            headers.add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        }
        LOG.infof("unreadable record on %s goes to %s: %s", topic, Topics.DEAD_LETTER, reason);
        return null;
    }
}
