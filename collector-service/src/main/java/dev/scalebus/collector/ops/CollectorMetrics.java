package dev.scalebus.collector.ops;

import dev.scalebus.collector.publish.PublishMetrics;
import dev.scalebus.collector.scrape.FailureReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** The collector's own Prometheus metrics (prefix {@code scalebus_collector_}). */
@ApplicationScoped
public class CollectorMetrics {

    private final MeterRegistry registry;
    private final Timer scrapeSuccess;
    private final Timer scrapeFailure;
    private final Map<FailureReason, Counter> errors = new EnumMap<>(FailureReason.class);
    private final Counter nodesScraped;
    private final Counter published;
    private final PublishMetrics publishing;
    private final Counter cyclesSkipped;
    private final Timer cycleDuration;
    private final AtomicLong cycleLagMillis = new AtomicLong();
    private final AtomicLong nodesTargeted = new AtomicLong();

    public CollectorMetrics(MeterRegistry registry) {
        this.registry = registry;
        scrapeSuccess = scrapeTimer("success");
        scrapeFailure = scrapeTimer("failure");
        for (FailureReason reason : FailureReason.values()) {
            errors.put(reason, Counter.builder("scalebus.collector.scrape.errors")
                    .description("Kubelet scrapes that failed, by reason").tag("reason", reason.tag())
                    .register(registry));
        }
        nodesScraped = Counter.builder("scalebus.collector.nodes.scraped")
                .description("Kubelet scrapes that succeeded").register(registry);
        published = Counter.builder("scalebus.collector.events.published")
                .description("NodeScrape events acknowledged by the broker").register(registry);
        publishing = new PublishMetrics(registry, "scalebus.collector", "NodeScrape");
        cyclesSkipped = Counter.builder("scalebus.collector.cycles.skipped")
                .description("Ticks skipped because the previous cycle was still running").register(registry);
        cycleDuration = Timer.builder("scalebus.collector.cycle.duration")
                .description("Time from a tick to the last node of its cycle").register(registry);
        Gauge.builder("scalebus.collector.cycle.lag.seconds", cycleLagMillis, v -> v.get() / 1000.0)
                .description("How much later than one resolution after the previous cycle the last cycle started")
                .register(registry);
        Gauge.builder("scalebus.collector.nodes.targeted", nodesTargeted, AtomicLong::get)
                .description("Nodes this shard scrapes").register(registry);
    }

    private Timer scrapeTimer(String outcome) {
        return Timer.builder("scalebus.collector.scrape.duration")
                .description("Kubelet request to decoded answer, per node")
                .tag("outcome", outcome).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    public void scraped(Duration duration) {
        scrapeSuccess.record(duration);
        nodesScraped.increment();
    }

    public void failed(FailureReason reason, Duration duration) {
        scrapeFailure.record(duration);
        errors.get(reason).increment();
    }

    public double errors(FailureReason reason) {
        return errors.get(reason).count();
    }

    public void published() {
        published.increment();
    }

    public double publishedCount() {
        return published.count();
    }

    /** The node-scrape publisher's buffer gauges and drop counters. */
    public PublishMetrics publishing() {
        return publishing;
    }

    public void cycleSkipped() {
        cyclesSkipped.increment();
    }

    public void cycle(Duration duration, Duration lag, int nodes) {
        cycleDuration.record(duration);
        cycleLagMillis.set(Math.max(0, lag.toMillis()));
        nodesTargeted.set(nodes);
    }
}
