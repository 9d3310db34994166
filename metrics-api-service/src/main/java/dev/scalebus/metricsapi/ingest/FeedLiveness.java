package dev.scalebus.metricsapi.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** /q/health/live: DOWN when a feed's loop died or stopped ticking (the same condition as /livez). */
@Liveness
@ApplicationScoped
public class FeedLiveness implements HealthCheck {

    private final FeedService feed;

    public FeedLiveness(FeedService feed) {
        this.feed = feed;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("feed-loop").status(feed.live()).build();
    }
}
