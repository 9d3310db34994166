package dev.scalebus.metricsapi.ingest;

import dev.scalebus.events.CustomMetricSamples;
import dev.scalebus.events.EventJson;
import dev.scalebus.events.rules.AdapterRules;
import dev.scalebus.metricsapi.CustomBeans;
import dev.scalebus.metricsapi.MetricsApiConfig;
import dev.scalebus.metricsapi.custom.SeriesWindow;
import dev.scalebus.metricsapi.kafka.KafkaClientProperties;
import dev.scalebus.metricsapi.window.MetricsWindow;
import dev.scalebus.metricsapi.window.Rejection;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;

/** Runs the {@link ScrapeFeed}s for the node window and the custom series window, sweeps expired objects and publishes the window's meters. */
@ApplicationScoped
public class FeedService {

    private final ScrapeFeed feed;
    private final ScrapeFeed customFeed;
    private final MetricsWindow window;
    private final SeriesWindow series;

    public FeedService(MetricsWindow window, SeriesWindow series, MetricsApiConfig config, AdapterRules rules,
            Clock clock, MeterRegistry registry,
            KafkaClientProperties kafka) {
        this.window = window;
        this.series = series;
        this.feed = new ScrapeFeed(kafka, config.topic(), ScrapeFeed.sinkOf(window),
                config.effectiveRebuildLookback(), clock, FeedHealth.forResolution(clock, config.metricResolution()));
        // replayed as far back as the series window keeps, so rate() has its whole range right after a restart
        this.customFeed = new ScrapeFeed(kafka, config.customMetrics().topic(), new SeriesSink(series),
                CustomBeans.retention(rules, config.customMetrics().retentionMargin()), clock,
                FeedHealth.forResolution(clock, config.metricResolution()));
        Gauge.builder("scalebus_metrics_api_custom_series", series, SeriesWindow::seriesCount)
                .description("Application series held for the custom and external metrics APIs").register(registry);
        Gauge.builder("scalebus_metrics_api_custom_consumer_lag_records", customFeed, ScrapeFeed::lag)
                .description("Records behind the end of the custom-samples topic").register(registry);
        FunctionCounter.builder("scalebus_metrics_api_custom_samples_dropped", customFeed,
                ScrapeFeed::malformedRecords).tag("reason", "malformed").register(registry);
        FunctionCounter.builder("scalebus_metrics_api_custom_samples_dropped", series,
                SeriesWindow::outOfOrderSamples).tag("reason", "out_of_order").register(registry);
        FunctionCounter.builder("scalebus_metrics_api_custom_samples_dropped", series,
                SeriesWindow::expiredSeries).tag("reason", "expired_series").register(registry);
        Gauge.builder("scalebus_metrics_api_window_nodes", window, MetricsWindow::nodeCount)
                .description("Nodes held in the window").register(registry);
        Gauge.builder("scalebus_metrics_api_window_pods", window, MetricsWindow::podCount)
                .description("Pods held in the window").register(registry);
        Gauge.builder("scalebus_metrics_api_window_containers", window, MetricsWindow::containerCount)
                .description("Containers held in the window").register(registry);
        FunctionCounter.builder("scalebus_metrics_api_consumer_restarts", feed, ScrapeFeed::consumerRestarts)
                .tag("topic", config.topic()).description("Kafka consumers rebuilt after a failure").register(registry);
        FunctionCounter.builder("scalebus_metrics_api_consumer_restarts", customFeed, ScrapeFeed::consumerRestarts)
                .tag("topic", config.customMetrics().topic()).register(registry);
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
        for (Rejection reason : Rejection.values()) {
            FunctionCounter.builder("scalebus_metrics_api_points_dropped", window, w -> w.rejected(reason))
                    .tag("reason", reason.tag).register(registry);
            FunctionCounter.builder("scalebus_metrics_api_custom_samples_dropped", series, s -> s.rejected(reason))
                    .tag("reason", reason.tag).register(registry);
        }
    }

    void start(@Observes StartupEvent event) {
        feed.start();
        customFeed.start();
    }

    void stop(@Observes ShutdownEvent event) {
        feed.close();
        customFeed.close();
    }

    @Scheduled(every = "${scalebus.metrics-api.sweep-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        window.expire();
        series.expire();
    }

    /**
     * Both windows rebuilt (the node scrapes and the custom samples) and current: each feed heard from the broker
     * within 3 x the metric resolution. Goes DOWN during a broker outage, UP again when it answers.
     */
    public boolean ready() {
        return feed.ready() && customFeed.ready();
    }

    /** Both feed loops run and ticked within 1.5 x the metric resolution. */
    public boolean live() {
        return feed.live() && customFeed.live();
    }

    /** Decodes CustomMetricSamples records into the series window. */
    private record SeriesSink(SeriesWindow series) implements ScrapeFeed.RecordSink {
        @Override
        public void accept(byte[] value) {
            series.accept(EventJson.fromBytes(value, CustomMetricSamples.class));
        }

        @Override
        public String summary() {
            return series.seriesCount() + " series of " + series.podCount() + " pods";
        }
    }
}
