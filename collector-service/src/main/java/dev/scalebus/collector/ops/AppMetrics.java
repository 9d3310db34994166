package dev.scalebus.collector.ops;

import dev.scalebus.collector.publish.PublishMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The application-pod scraping metrics (prefix {@code scalebus_collector_app_}). */
@ApplicationScoped
public class AppMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> errors = new ConcurrentHashMap<>();
    private final Counter podsScraped;
    private final Timer scrapeDuration;
    private final Counter eventsPublished;
    private final Counter samplesPublished;
    private final PublishMetrics publishing;
    private final AtomicLong podsTargeted = new AtomicLong();

    public AppMetrics(MeterRegistry registry) {
        this.registry = registry;
        podsScraped = Counter.builder("scalebus.collector.app.pods.scraped")
                .description("Application pod scrapes that succeeded").register(registry);
        scrapeDuration = Timer.builder("scalebus.collector.app.scrape.duration")
                .description("Application pod request to parsed answer, successful scrapes").register(registry);
        eventsPublished = Counter.builder("scalebus.collector.app.events.published")
                .description("CustomMetricSamples events acknowledged by the broker").register(registry);
        samplesPublished = Counter.builder("scalebus.collector.app.samples.published")
                .description("Series samples in CustomMetricSamples events acknowledged by the broker")
                .register(registry);
        publishing = new PublishMetrics(registry, "scalebus.collector.app", "CustomMetricSamples");
        Gauge.builder("scalebus.collector.app.pods.targeted", podsTargeted, AtomicLong::get)
                .description("Annotated application pods this shard scrapes").register(registry);
    }

    public void scraped(Duration duration) {
        podsScraped.increment();
        scrapeDuration.record(duration);
    }

    /** A pod skipped for {@code reason} (a FailureReason tag, or no-port / bad-annotation). */
    public void failed(String reason) {
        errors.computeIfAbsent(reason, r -> Counter.builder("scalebus.collector.app.scrape.errors")
                .description("Application pod scrapes that failed or could not be attempted, by reason")
                .tag("reason", r).register(registry)).increment();
    }

    public double errors(String reason) {
        Counter counter = errors.get(reason);
        return counter == null ? 0 : counter.count();
    }

    public double podsScraped() {
        return podsScraped.count();
    }

    /** One event carrying {@code samples} series acknowledged by the broker. */
    public void published(int samples) {
        eventsPublished.increment();
        samplesPublished.increment(samples);
    }

    public double samplesPublished() {
        return samplesPublished.count();
    }

    /** The custom-samples publisher's buffer gauges and drop counters. */
    public PublishMetrics publishing() {
        return publishing;
    }

    public void targeted(int pods) {
        podsTargeted.set(pods);
    }
}
