package dev.scalebus.collector.custom;

import dev.scalebus.collector.config.CollectorConfig;
import dev.scalebus.collector.config.SettingsValidator;
import dev.scalebus.collector.kube.PodDirectory;
import dev.scalebus.collector.ops.AppMetrics;
import dev.scalebus.events.rules.AdapterRules;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import org.jboss.logging.Logger;

/**
 * Scrapes the annotated application pods of this shard every metric-resolution on its own schedule, independent of
 * the kubelet loop (a slow kubelet cycle never delays custom metrics, nor the other way round). A tick while the
 * previous cycle still runs is skipped. Rules are loaded once at start (a bad file already failed the validation).
 */
@ApplicationScoped
public class AppScrapeLoop {

    private static final Logger LOG = Logger.getLogger(AppScrapeLoop.class);

    private final CollectorConfig config;
    private final PodDirectory pods;
    private final CustomSamplesPublisher publisher;
    private final AppMetrics metrics;
    private final Clock clock;
    private final ExecutorService httpThreads = Executors.newFixedThreadPool(4, daemon("app-http"));
    private final ExecutorService parseThreads = Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()), daemon("app-parse"));
    private final AtomicBoolean cycleRunning = new AtomicBoolean();
    private final AtomicLong cycles = new AtomicLong();
    private volatile AppScraper scraper;

    public AppScrapeLoop(CollectorConfig config, PodDirectory pods, CustomSamplesPublisher publisher,
            AppMetrics metrics, Clock clock) {
        this.config = config;
        this.pods = pods;
        this.publisher = publisher;
        this.metrics = metrics;
        this.clock = clock;
    }

    void start(@Observes @Priority(20) StartupEvent event) throws Exception {
        CollectorConfig.CustomMetrics custom = config.customMetrics();
        if (!custom.enabled()) {
            LOG.info("custom metrics: scraping of prometheus.io/scrape pods is disabled");
            return;
        }
        AdapterRules rules = SettingsValidator.rules(config);
        AppMetricsClient client = new JdkAppMetricsClient(SSLContext.getDefault(),
                CollectorConfig.appScrapeTimeout(config), custom.maxBodyBytes(), httpThreads, clock);
        scraper = new AppScraper(rules, client, publisher::publish, metrics, custom.concurrency(), parseThreads);
        LOG.infof("custom metrics: scraping prometheus.io/scrape pods every %s with %d custom and %d external rules"
                + " (%s)", config.metricResolution(), rules.rules().size(), rules.externalRules().size(),
                custom.rulesFile().map(Object::toString).orElse("the default rules"));
    }

    void stop(@Observes ShutdownEvent event) {
        httpThreads.shutdownNow();
        parseThreads.shutdownNow();
    }

    @Scheduled(identity = "app-scrape-loop", every = "${scalebus.collector.metric-resolution:15s}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        AppScraper current = scraper;
        if (current == null || !cycleRunning.compareAndSet(false, true)) {
            return;
        }
        long cycle = cycles.incrementAndGet();
        try {
            current.cycle(cycle, pods.appTargets()).whenComplete((ignored, error) -> cycleRunning.set(false));
        } catch (RuntimeException e) {
            cycleRunning.set(false);
            throw e;
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
