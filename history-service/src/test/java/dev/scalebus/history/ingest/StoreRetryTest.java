package dev.scalebus.history.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalebus.history.HistoryConfig;
import dev.scalebus.history.store.StoreException;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StoreRetryTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-12-06T02:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final ManualClock clock = new ManualClock();
    final StoreRetry retry = new StoreRetry(config(Duration.ofMillis(1), Duration.ofMillis(4), Duration.ofMinutes(5)),
            clock);

    @Test
    void theDatabasesFailuresAreRetriedUntilItTakesTheRecordAndTheConsumerShowsAsPausedMeanwhile() {
        AtomicInteger attempts = new AtomicInteger();
        String result = retry.untilStored("c", () -> {
            int n = attempts.incrementAndGet();
            if (n > 1) {
                assertThat(retry.paused()).containsOnlyKeys("c");
            }
            if (n <= 4) {
                throw new StoreException("down", new SQLException("connection refused", "08001"));
            }
            return "stored";
        });
        assertThat(result).isEqualTo("stored");
        assertThat(attempts).hasValue(5);
        assertThat(retry.paused()).isEmpty();
    }

    @Test
    void aRecordsFaultIsThrownAtOnceWithoutRetry() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> retry.untilStored("c", () -> {
            attempts.incrementAndGet();
            throw new DateTimeException("Invalid value for Year");
        })).isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> retry.untilStored("c", () -> {
            attempts.incrementAndGet();
            throw new StoreException("refused", new SQLException("invalid byte sequence", "22021"));
        })).isInstanceOf(StoreException.class);
        assertThat(attempts).hasValue(2);
        assertThat(retry.paused()).isEmpty();
    }

    @Test
    void anAttemptHangingPastStuckAfterIsReportedStuck() {
        retry.untilStored("c", () -> {
            clock.now = clock.now.plus(Duration.ofMinutes(4));
            assertThat(retry.stuck()).isEmpty();
            clock.now = clock.now.plus(Duration.ofMinutes(2));
            assertThat(retry.stuck()).containsOnlyKeys("c");
            return null;
        });
        assertThat(retry.stuck()).isEmpty();
    }

    static HistoryConfig config(Duration initial, Duration max, Duration stuckAfter) {
        HistoryConfig.Ingest ingest = new HistoryConfig.Ingest() {
            public Duration futureSkew() {
                return Duration.ofMinutes(5);
            }

            public Duration retryInitial() {
                return initial;
            }

            public Duration retryMax() {
                return max;
            }

            public Duration stuckAfter() {
                return stuckAfter;
            }
        };
        return (HistoryConfig) Proxy.newProxyInstance(HistoryConfig.class.getClassLoader(),
                new Class<?>[] {HistoryConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("ingest")) {
                        return ingest;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
