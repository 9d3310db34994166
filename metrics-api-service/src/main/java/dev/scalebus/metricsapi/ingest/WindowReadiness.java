package dev.scalebus.metricsapi.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** /q/health/ready: up once the window was rebuilt from Kafka and while the broker answers (as /readyz). */
@Readiness
@ApplicationScoped
public class WindowReadiness implements HealthCheck {

    private final FeedService feed;

    public WindowReadiness(FeedService feed) {
        this.feed = feed;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("window-caught-up").status(feed.ready()).build();
    }
}
