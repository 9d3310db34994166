package dev.scalebus.history.ingest;

import dev.scalebus.history.HistoryConfig;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs a store attempt until the database takes it: a failure that is the database's (see {@link Failures}) is
 * retried with exponential backoff ({@code ingest.retry-initial} doubling to {@code ingest.retry-max}) for as long
 * as the service runs, blocking the calling consumer (SmallRye then stops fetching once its queue is full, so
 * nothing is lost and nothing is dead-lettered); any other failure is thrown at once for the caller to
 * dead-letter. While the service shuts down, the database's failure is thrown too (the caller must not dead-letter
 * it: the record stays unacked and is read again). One INFO line when a consumer pauses, one when it resumes. Knows, for the health checks, which
 * consumers are paused and when each last made progress.
 */
@ApplicationScoped
public class StoreRetry {

    private static final Logger LOG = Logger.getLogger(StoreRetry.class);

    private final HistoryConfig config;
    private final Clock clock;
    /** Consumer name -> since when its store attempts fail for the database's fault. */
    private final Map<String, Instant> paused = new ConcurrentHashMap<>();
    /** Consumer name -> when its current store call began its latest attempt; absent when idle. */
    private final Map<String, Instant> inFlight = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    public StoreRetry(HistoryConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    public <T> T untilStored(String consumer, Supplier<T> attempt) {
        Duration backoff = config.ingest().retryInitial();
        try {
            while (true) {
                inFlight.put(consumer, clock.instant());
                try {
                    T result = attempt.get();
                    Instant since = paused.remove(consumer);
                    if (since != null) {
                        LOG.infof("%s: ingest resumed, the database is back after %s", consumer,
                                Duration.between(since, clock.instant()));
                    }
                    return result;
                } catch (RuntimeException e) {
                    if (Failures.classify(e) != Failures.Kind.DATABASE || stopping) {
                        throw e;
                    }
                    if (paused.putIfAbsent(consumer, clock.instant()) == null) {
                        LOG.infof("%s: ingest paused, the database is unavailable (%s); retrying from %s up to "
                                + "every %s", consumer, e.getMessage(), backoff, config.ingest().retryMax());
                    } else {
                        LOG.debugf("%s: still unavailable: %s", consumer, e.getMessage());
                    }
                }
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(config.ingest().retryMax()) > 0
                        ? config.ingest().retryMax() : backoff.multipliedBy(2);
            }
        } finally {
            inFlight.remove(consumer);
        }
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the database", e);
        }
    }

    /** Consumers waiting for the database, with since when. */
    public Map<String, Instant> paused() {
        return Map.copyOf(paused);
    }

    /** Consumers whose current store attempt started longer ago than {@code ingest.stuck-after}. */
    public Map<String, Instant> stuck() {
        Instant limit = clock.instant().minus(config.ingest().stuckAfter());
        Map<String, Instant> stuck = new ConcurrentHashMap<>();
        inFlight.forEach((c, t) -> {
            if (t.isBefore(limit)) {
                stuck.put(c, t);
            }
        });
        return stuck;
    }
}
