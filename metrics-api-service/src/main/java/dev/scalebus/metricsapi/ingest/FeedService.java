package dev.scalebus.metricsapi.ingest;

import dev.scalebus.metricsapi.MetricsApiConfig;
import dev.scalebus.metricsapi.window.MetricsWindow;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Runs the {@link ScrapeFeed} for the service's window, sweeps expired objects and publishes the window's meters. */
@ApplicationScoped
public class FeedService {

    private final ScrapeFeed feed;
    private final MetricsWindow window;

    public FeedService(MetricsWindow window, MetricsApiConfig config, Clock clock, MeterRegistry registry,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.window = window;
        this.feed = new ScrapeFeed(bootstrapServers, config.topic(), window, config.effectiveRebuildLookback(),
                clock);
        Gauge.builder("scalebus_metrics_api_window_nodes", window, MetricsWindow::nodeCount)
                .description("Nodes held in the window").register(registry);
        Gauge.builder("scalebus_metrics_api_window_pods", window, MetricsWindow::podCount)
                .description("Pods held in the window").register(registry);
        Gauge.builder("scalebus_metrics_api_window_containers", window, MetricsWindow::containerCount)
                .description("Containers held in the window").register(registry);
        Gauge.builder("scalebus_metrics_api_consumer_lag_records", feed, ScrapeFeed::lag)
                .description("Records behind the end of the node-scrapes topic").register(registry);
        FunctionCounter.builder("scalebus_metrics_api_points_dropped", feed, ScrapeFeed::malformedRecords)
                .tag("reason", "malformed").description("Points not held in the window").register(registry);
        FunctionCounter.builder("scalebus_metrics_api_points_dropped", window, MetricsWindow::incompletePods)
                .tag("reason", "container_without_rate").register(registry);
        FunctionCounter.builder("scalebus_metrics_api_points_dropped", window, MetricsWindow::staleScrapes)
                .tag("reason", "stale_scrape").register(registry);
        FunctionCounter.builder("scalebus_metrics_api_points_dropped", window, MetricsWindow::expiredObjects)
                .tag("reason", "expired").register(registry);
    }

    void start(@Observes StartupEvent event) {
        feed.start();
    }

    void stop(@Observes ShutdownEvent event) {
        feed.close();
    }

    @Scheduled(every = "${scalebus.metrics-api.sweep-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        window.expire();
    }

    public boolean ready() {
        return feed.caughtUp();
    }
}
