package dev.scalebus.collector.publish;

import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTimestampException;

/**
 * Tells a failed send that will succeed if tried again (the broker is away, slow or electing a leader) from one that
 * never will (this record is too large, cannot be written, goes to an invalid topic): Kafka marks the first kind
 * {@link RetriableException}; every other Kafka error is permanent for the record, which is then dropped and
 * counted under the reason returned here. A failure that is not Kafka's (the Emitter refusing a send, a connector
 * hiccup) is not about the record either and is retried, but only {@link #MAX_UNCLASSIFIED_FAILURES} times, so that
 * nothing can sit at the head of the buffer forever.
 */
public final class PublishFailures {

    public static final String RECORD_TOO_LARGE = "record-too-large";
    public static final String SERIALIZATION = "serialization";
    public static final String INVALID_TOPIC = "invalid-topic";
    public static final String INVALID_RECORD = "invalid-record";
    public static final String NOT_AUTHORIZED = "not-authorized";
    public static final String NON_RETRIABLE = "non-retriable";
    public static final String REPEATED_FAILURE = "repeated-failure";
    /** Dropped, oldest first, because the buffer was over its byte bound. */
    public static final String BUFFER_FULL = "buffer-full";
    /** Still buffered when the shutdown flush deadline passed. */
    public static final String SHUTDOWN = "shutdown";

    /** How often a record whose send fails for a reason that is not Kafka's is tried before it is dropped. */
    static final int MAX_UNCLASSIFIED_FAILURES = 5;

    private PublishFailures() {
    }

    /**
     * The reason this record will never be accepted, or empty when sending it again may work.
     *
     * @param failuresBefore how many earlier sends of the same record failed
     */
    public static Optional<String> permanentReason(Throwable failure, int failuresBefore) {
        Throwable cause = unwrap(failure);
        if (cause instanceof RetriableException) {
            return Optional.empty();
        }
        if (cause instanceof RecordTooLargeException || cause instanceof RecordBatchTooLargeException) {
            return Optional.of(RECORD_TOO_LARGE);
        }
        if (cause instanceof SerializationException) {
            return Optional.of(SERIALIZATION);
        }
        if (cause instanceof InvalidTopicException) {
            return Optional.of(INVALID_TOPIC);
        }
        if (cause instanceof InvalidRecordException || cause instanceof InvalidTimestampException) {
            return Optional.of(INVALID_RECORD);
        }
        if (cause instanceof AuthorizationException || cause instanceof AuthenticationException) {
            return Optional.of(NOT_AUTHORIZED);
        }
        if (cause instanceof KafkaException) {
            return Optional.of(NON_RETRIABLE);
        }
        return failuresBefore + 1 >= MAX_UNCLASSIFIED_FAILURES ? Optional.of(REPEATED_FAILURE) : Optional.empty();
    }

    /** The Kafka error inside the wrappers futures and connectors put around it. */
    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; depth < 10 && cause != null; depth++) {
            Throwable inner = cause.getCause();
            boolean futureWrapper = cause instanceof CompletionException || cause instanceof ExecutionException;
            // a plain KafkaException, or a foreign one, around a Kafka error: the inner error says what happened
            boolean aroundKafkaError = inner instanceof KafkaException
                    && (cause.getClass() == KafkaException.class || !(cause instanceof KafkaException));
            if (inner == null || inner == cause || !(futureWrapper || aroundKafkaError)) {
                return cause;
            }
            cause = inner;
        }
        return cause;
    }
}
