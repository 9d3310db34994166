package dev.scalebus.collector.ops;

import dev.scalebus.collector.config.CollectorConfig;
import dev.scalebus.collector.scrape.ScrapeLoop;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** metrics-server's metric-collection-timely: the loop ticked within 1.5 × resolution (plus the start delay). */
@Liveness
@ApplicationScoped
public class ScrapeLoopLiveness implements HealthCheck {

    static final Duration START_DELAY = Duration.ofSeconds(3);

    private final ScrapeLoop loop;
    private final CollectorConfig config;
    private final Clock clock;

    public ScrapeLoopLiveness(ScrapeLoop loop, CollectorConfig config, Clock clock) {
        this.loop = loop;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public HealthCheckResponse call() {
        Duration since = Duration.between(loop.lastTick(), clock.instant());
        Duration allowed = config.metricResolution().multipliedBy(3).dividedBy(2).plus(START_DELAY);
        return HealthCheckResponse.named("scrape-loop-timely").status(since.compareTo(allowed) <= 0)
                .withData("sinceLastTickMillis", since.toMillis()).withData("allowedMillis", allowed.toMillis())
                .build();
    }
}
