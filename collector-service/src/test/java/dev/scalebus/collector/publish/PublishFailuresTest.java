package dev.scalebus.collector.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;

class PublishFailuresTest {

    @Test
    void whatTheBrokerMayAcceptLaterIsRetried() {
        assertThat(reason(new TimeoutException("Expiring 3 record(s): 30001 ms has passed"))).isEmpty();
        assertThat(reason(new TimeoutException("Topic t not present in metadata after 10000 ms."))).isEmpty();
        assertThat(reason(new NetworkException("disconnected"))).isEmpty();
        assertThat(reason(new NotLeaderOrFollowerException("leader moved"))).isEmpty();
        assertThat(reason(new NotEnoughReplicasException("isr shrank"))).isEmpty();
        assertThat(reason(new UnknownTopicOrPartitionException("not yet created"))).isEmpty();
    }

    @Test
    void whatTheBrokerWillNeverAcceptIsPermanentWithItsReason() {
        assertThat(reason(new RecordTooLargeException("The message is 2000000 bytes when serialized")))
                .contains(PublishFailures.RECORD_TOO_LARGE);
        assertThat(reason(new RecordBatchTooLargeException("batch"))).contains(PublishFailures.RECORD_TOO_LARGE);
        assertThat(reason(new SerializationException("cannot write"))).contains(PublishFailures.SERIALIZATION);
        assertThat(reason(new InvalidTopicException("bad name"))).contains(PublishFailures.INVALID_TOPIC);
        assertThat(reason(new InvalidRecordException("compacted topic needs a key")))
                .contains(PublishFailures.INVALID_RECORD);
        assertThat(reason(new TopicAuthorizationException("denied"))).contains(PublishFailures.NOT_AUTHORIZED);
        assertThat(reason(new KafkaException("fatal producer state"))).contains(PublishFailures.NON_RETRIABLE);
    }

    @Test
    void wrappersAreLookedThrough() {
        assertThat(reason(new CompletionException(new RecordTooLargeException("too large"))))
                .contains(PublishFailures.RECORD_TOO_LARGE);
        assertThat(reason(new ExecutionException(new KafkaException(new TimeoutException("expired"))))).isEmpty();
        assertThat(reason(new KafkaException("wrapped", new RecordTooLargeException("too large"))))
                .contains(PublishFailures.RECORD_TOO_LARGE);
        assertThat(reason(new IllegalStateException("connector", new NetworkException("gone")))).isEmpty();
        // a specific Kafka error keeps its own meaning even when it carries a cause
        assertThat(reason(new SerializationException("json", new NetworkException("unrelated"))))
                .contains(PublishFailures.SERIALIZATION);
    }

    @Test
    void aFailureThatIsNotKafkasIsRetriedOnlyAFewTimes() {
        IllegalStateException odd = new IllegalStateException("the Emitter refused");
        for (int before = 0; before < PublishFailures.MAX_UNCLASSIFIED_FAILURES - 1; before++) {
            assertThat(PublishFailures.permanentReason(odd, before)).as("after %d failures", before).isEmpty();
        }
        assertThat(PublishFailures.permanentReason(odd, PublishFailures.MAX_UNCLASSIFIED_FAILURES - 1))
                .contains(PublishFailures.REPEATED_FAILURE);
        // a broker outage may fail the same record any number of times and never drops it
        assertThat(PublishFailures.permanentReason(new TimeoutException("expired"), 1_000)).isEmpty();
    }

    private static Optional<String> reason(Throwable failure) {
        return PublishFailures.permanentReason(failure, 0);
    }
}
