package dev.scalebus.metricsapi.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebus.metricsapi.window.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FeedHealthTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T01:00:00Z"));
    private final FeedHealth health = FeedHealth.forResolution(clock, Duration.ofSeconds(15));

    @Test
    void staleAfterThreeResolutionsWithoutContactAndFreshAgainAtTheNextContact() {
        clock.advance(Duration.ofSeconds(45));
        assertThat(health.stale()).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(health.stale()).isTrue();

        health.ticked(); // polls that return nothing are not contact
        assertThat(health.stale()).isTrue();

        health.contacted();
        assertThat(health.stale()).isFalse();
        assertThat(health.millisSinceContact()).isZero();
    }

    @Test
    void stalledAfterOneAndAHalfResolutionsWithoutATick() {
        clock.advance(Duration.ofMillis(22_500));
        assertThat(health.stalled()).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(health.stalled()).isTrue();

        health.ticked();
        assertThat(health.stalled()).isFalse();
    }

    @Test
    void aLoopTickingThroughAnOutageStaysLiveButStale() {
        for (int i = 0; i < 20; i++) {
            clock.advance(health.stepBound()); // each failed call or backoff takes at most one step
            health.ticked();
            assertThat(health.stalled()).isFalse();
        }
        assertThat(health.stale()).isTrue();
    }

    @Test
    void everyBlockingStepFitsWellInsideTheStallBound() {
        assertThat(health.stepBound()).isEqualTo(Duration.ofMillis(7_500));
        assertThat(health.contactInterval()).isEqualTo(Duration.ofSeconds(5));
        FeedHealth fast = FeedHealth.forResolution(clock, Duration.ofSeconds(1));
        assertThat(fast.stepBound()).isEqualTo(Duration.ofMillis(500));
    }
}
