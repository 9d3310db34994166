package dev.scalebus.metricsapi.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalebus.metricsapi.lag.ConsumerGroupLag.ResetPolicy;
import dev.scalebus.metricsapi.window.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** KEDA's per-partition lag arithmetic, summed per topic, and the answer cache. */
class ConsumerGroupLagTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private int calls;
    private RuntimeException failure;

    private final GroupOffsets offsets = new GroupOffsets(
            Map.of(new Partition("orders", 0), 40L, new Partition("orders", 1), 10L, new Partition("audit", 0), 7L),
            Map.of(new Partition("orders", 0), 50L, new Partition("orders", 1), 10L, new Partition("orders", 2), 30L,
                    new Partition("audit", 0), 5L));

    private final LagSource source = new LagSource() {
        @Override
        public GroupOffsets offsets(String group, String topic) {
            calls++;
            if (failure != null) {
                throw failure;
            }
            return offsets;
        }

        @Override
        public String describe() {
            return "fake";
        }
    };

    private ConsumerGroupLag lag(ResetPolicy policy, boolean scaleToZero) {
        return new ConsumerGroupLag(source, clock, Duration.ofSeconds(10), policy, scaleToZero);
    }

    @Test
    void lagIsLatestMinusCommittedSummedPerTopicAndAPartitionWithoutCommitCountsOneUnderLatest() {
        // orders: 10 + 0 + 1 (partition 2 never committed, policy latest: KEDA returns 1); audit: commit ahead -> 0
        assertThat(lag(ResetPolicy.LATEST, false).compute(offsets)).containsExactlyEntriesOf(
                new java.util.TreeMap<>(Map.of("audit", 0L, "orders", 11L)));
    }

    @Test
    void underEarliestAPartitionWithoutCommitCountsItsWholeLog() {
        assertThat(lag(ResetPolicy.EARLIEST, false).compute(offsets)).containsEntry("orders", 40L);
        assertThat(lag(ResetPolicy.EARLIEST, true).compute(offsets)).containsEntry("orders", 10L);
        assertThat(lag(ResetPolicy.LATEST, true).compute(offsets)).containsEntry("orders", 10L);
    }

    @Test
    void answersAreCachedPerGroupAndTopicForTheTtl() {
        ConsumerGroupLag lag = lag(ResetPolicy.LATEST, false);
        lag.lag("g", "orders");
        lag.lag("g", "orders");
        assertThat(calls).isEqualTo(1);
        lag.lag("g", null);
        assertThat(calls).isEqualTo(2);
        clock.advance(Duration.ofSeconds(11));
        lag.lag("g", "orders");
        assertThat(calls).isEqualTo(3);
    }

    @Test
    void anUnreachableBrokerIsReportedNotCached() {
        ConsumerGroupLag lag = lag(ResetPolicy.LATEST, false);
        failure = new LagUnavailableException("the Kafka broker at x:9092 did not answer");
        assertThatThrownBy(() -> lag.lag("g", "orders")).isInstanceOf(LagUnavailableException.class)
                .hasMessageContaining("x:9092");
        failure = null;
        assertThat(lag.lag("g", "orders")).containsEntry("orders", 11L);
    }

    @Test
    void policyNamesParseCaseInsensitively() {
        assertThat(ResetPolicy.parse("Earliest")).isEqualTo(ResetPolicy.EARLIEST);
    }
}
