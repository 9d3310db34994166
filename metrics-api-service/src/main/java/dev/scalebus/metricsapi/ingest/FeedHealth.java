package dev.scalebus.metricsapi.ingest;

import java.time.Clock;
import java.time.Duration;

/**
 * When a {@link ScrapeFeed} is fresh and alive, from two times its loop records: the last tick (the loop went
 * round: a poll returned, a consumer was built, a backoff began) and the last contact with the broker (records
 * came, or the end offsets were answered). Plain Java on an injected clock.
 * <ul>
 * <li>stale: no contact for {@code staleAfter} (default 3 x metric resolution). The window then holds nothing newer
 * than the broker gave; readiness goes DOWN, and UP again at the next contact.</li>
 * <li>stalled: no tick for {@code stallAfter} (metrics-server's liveness: the scrape loop ticked within
 * 1.5 x the resolution). Every blocking call of the loop is bounded well below it, so only a hung or dead loop
 * stalls; liveness goes DOWN so that the pod is restarted.</li>
 * </ul>
 */
public final class FeedHealth {

    private final Clock clock;
    private final long staleAfterMillis;
    private final long stallAfterMillis;
    private volatile long lastTickMillis;
    private volatile long lastContactMillis;

    public FeedHealth(Clock clock, Duration staleAfter, Duration stallAfter) {
        if (staleAfter.isNegative() || staleAfter.isZero() || stallAfter.isNegative() || stallAfter.isZero()) {
            throw new IllegalArgumentException("stale and stall bounds must be positive");
        }
        this.clock = clock;
        this.staleAfterMillis = staleAfter.toMillis();
        this.stallAfterMillis = stallAfter.toMillis();
        long now = clock.millis();
        this.lastTickMillis = now;
        this.lastContactMillis = now;
    }

    /** The bounds metrics-server uses for a given metric resolution: stale after 3x, stalled after 1.5x. */
    public static FeedHealth forResolution(Clock clock, Duration metricResolution) {
        return new FeedHealth(clock, metricResolution.multipliedBy(3), metricResolution.multipliedBy(3).dividedBy(2));
    }

    public void ticked() {
        lastTickMillis = clock.millis();
    }

    /** The broker answered; also a tick. */
    public void contacted() {
        long now = clock.millis();
        lastContactMillis = now;
        lastTickMillis = now;
    }

    public boolean stale() {
        return millisSinceContact() > staleAfterMillis;
    }

    public boolean stalled() {
        return clock.millis() - lastTickMillis > stallAfterMillis;
    }

    public long millisSinceContact() {
        return clock.millis() - lastContactMillis;
    }

    /** The longest any one blocking step of the loop may take, so that a working loop never looks stalled. */
    public Duration stepBound() {
        return Duration.ofMillis(Math.max(500, Math.min(10_000, stallAfterMillis / 3)));
    }

    /** How often the loop asks the broker for end offsets when no records come, to notice an outage. */
    public Duration contactInterval() {
        return Duration.ofMillis(Math.max(500, Math.min(5_000, staleAfterMillis / 3)));
    }
}
