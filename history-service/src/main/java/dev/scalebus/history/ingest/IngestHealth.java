package dev.scalebus.history.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Map;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness "ingest": DOWN while a consumer waits for the database (the service is alive and will resume by
 * itself, so liveness stays UP). Liveness "ingest-progress": DOWN when one store attempt has hung longer than
 * {@code ingest.stuck-after} (retries start a new attempt at least every {@code ingest.retry-max}, so only a
 * genuinely stuck consumer trips it; SmallRye's own unprocessed-record check is disabled because it would trip on
 * every database outage longer than a minute).
 */
@ApplicationScoped
public class IngestHealth {

    private final StoreRetry retry;

    public IngestHealth(StoreRetry retry) {
        this.retry = retry;
    }

    @Produces
    @Readiness
    @Singleton
    HealthCheck ingest() {
        return () -> status("ingest", retry.paused(), "waiting for the database since");
    }

    @Produces
    @Liveness
    @Singleton
    HealthCheck progress() {
        return () -> status("ingest-progress", retry.stuck(), "store attempt hung since");
    }

    private static HealthCheckResponse status(String name, Map<String, Instant> bad, String what) {
        var b = HealthCheckResponse.named(name).status(bad.isEmpty());
        bad.forEach((consumer, since) -> b.withData(consumer, what + " " + since));
        return b.build();
    }
}
