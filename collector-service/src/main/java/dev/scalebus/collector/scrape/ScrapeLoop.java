package dev.scalebus.collector.scrape;

import dev.scalebus.collector.config.CollectorConfig;
import dev.scalebus.collector.config.SettingsValidator;
import dev.scalebus.collector.kube.NodeDiscovery;
import dev.scalebus.collector.kube.NodeTarget;
import dev.scalebus.collector.kube.PodDirectory;
import dev.scalebus.collector.kubelet.FailureClassifier;
import dev.scalebus.collector.kubelet.KubeletClient;
import dev.scalebus.collector.kubelet.KubeletResponse;
import dev.scalebus.collector.ops.CollectorMetrics;
import dev.scalebus.collector.publish.NodeScrapePublisher;
import dev.scalebus.collector.rate.RateTracker;
import dev.scalebus.events.NodeScrape;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Every metric-resolution, scrapes all of this shard's nodes concurrently (at most {@code concurrency} requests in
 * flight; each bounded by the per-node timeout, so a dead node holds one slot and delays nobody else) and
 * publishes each node's {@link NodeScrape} as soon as it is decoded. Mirrors metrics-server's scraper.Scrape, minus
 * the random start jitter. A tick while the previous cycle still runs is skipped and counted.
 */
@ApplicationScoped
public class ScrapeLoop {

    private static final Logger LOG = Logger.getLogger(ScrapeLoop.class);
    /** OnceLog subject of the loop itself (node names cannot contain a space). */
    private static final String OVERRUN = "scrape loop";

    private final CollectorConfig config;
    private final NodeDiscovery discovery;
    private final KubeletClient kubelets;
    private final NodeScrapePublisher publisher;
    private final CollectorMetrics metrics;
    private final Clock clock;
    private final RateTracker rates;
    private final OnceLog onceLog = new OnceLog();
    private final NodeScrapeAssembler assembler;
    private final ExecutorService decodeThreads = Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()), runnable -> {
                Thread thread = new Thread(runnable, "kubelet-decode");
                thread.setDaemon(true);
                return thread;
            });
    private final AtomicBoolean cycleRunning = new AtomicBoolean();
    private final AtomicLong cycles = new AtomicLong();
    private volatile Instant lastTick;
    private volatile Instant lastCycleStart;
    private volatile boolean firstCycleDone;

    public ScrapeLoop(CollectorConfig config, NodeDiscovery discovery, PodDirectory pods, KubeletClient kubelets,
            NodeScrapePublisher publisher, CollectorMetrics metrics, Clock clock) {
        this.config = config;
        this.discovery = discovery;
        this.kubelets = kubelets;
        this.publisher = publisher;
        this.metrics = metrics;
        this.clock = clock;
        this.rates = new RateTracker(config.metricResolution());
        this.assembler = new NodeScrapeAssembler(rates, pods::lookup, onceLog);
        this.lastTick = clock.instant();
    }

    /** Fails the start with every invalid setting listed, before anything is scraped. */
    void validate(@Observes @Priority(1) StartupEvent event) {
        SettingsValidator.validate(config);
    }

    void stop(@Observes ShutdownEvent event) {
        decodeThreads.shutdownNow();
    }

    @Scheduled(identity = "scrape-loop", every = "${scalebus.collector.metric-resolution:15s}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        Instant now = clock.instant();
        lastTick = now;
        if (!cycleRunning.compareAndSet(false, true)) {
            metrics.cycleSkipped();
            if (onceLog.first(OVERRUN, "overrun")) {
                LOG.infof("tick skipped: cycle %d still running (raise concurrency or lower kubelet-request-timeout;"
                        + " logged once until a cycle ends in time)", cycles.get());
            }
            return;
        }
        runCycle(now);
    }

    private void runCycle(Instant start) {
        long cycle = cycles.incrementAndGet();
        boolean informersSynced = discovery.synced();
        List<NodeTarget> targets = discovery.targets();
        rates.retainNodes(targets.stream().map(NodeTarget::nodeName).collect(Collectors.toSet()));
        Duration lag = lastCycleStart == null ? Duration.ZERO
                : Duration.between(lastCycleStart.plus(config.metricResolution()), start);
        lastCycleStart = start;
        Queue<NodeTarget> queue = new ConcurrentLinkedQueue<>(targets);
        AtomicInteger remaining = new AtomicInteger(targets.size());
        Runnable finish = () -> {
            metrics.cycle(Duration.between(start, clock.instant()), lag, targets.size());
            firstCycleDone |= informersSynced;
            if (Duration.between(start, clock.instant()).compareTo(config.metricResolution()) < 0) {
                onceLog.recovered(OVERRUN);
            }
            cycleRunning.set(false);
            LOG.debugf("cycle %d: %d nodes in %s", cycle, targets.size(), Duration.between(start, clock.instant()));
        };
        if (targets.isEmpty()) {
            finish.run();
            return;
        }
        for (int i = 0; i < Math.min(config.concurrency(), targets.size()); i++) {
            next(cycle, queue, remaining, finish);
        }
    }

    private void next(long cycle, Queue<NodeTarget> queue, AtomicInteger remaining, Runnable finish) {
        NodeTarget target = queue.poll();
        if (target == null) {
            return;
        }
        // async continuation: a run of instantly failing nodes must not recurse down the stack
        scrape(cycle, target).whenCompleteAsync((ignored, error) -> {
            if (remaining.decrementAndGet() == 0) {
                finish.run();
            } else {
                next(cycle, queue, remaining, finish);
            }
        }, decodeThreads);
    }

    CompletableFuture<Void> scrape(long cycle, NodeTarget target) {
        long started = System.nanoTime();
        CompletableFuture<NodeScrape> result;
        try {
            result = kubelets.fetch(target).toCompletableFuture()
                    .thenApplyAsync(response -> decode(target, response), decodeThreads);
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return result.handle((scrape, failure) -> {
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            if (failure != null) {
                ScrapeException error = FailureClassifier.classify(failure);
                metrics.failed(error.reason(), took);
                if (onceLog.first(target.nodeName(), error.reason().tag())) {
                    LOG.infof("cycle %d node %s skipped: scrape of https://%s:%d%s failed (%s): %s"
                            + " (logged once per node and reason)", cycle, target.nodeName(), target.host(),
                            target.port(), target.path(), error.reason().tag(), error.getMessage());
                }
                return null;
            }
            metrics.scraped(took);
            if (onceLog.recovered(target.nodeName())) {
                LOG.infof("cycle %d node %s: scraping works again", cycle, target.nodeName());
            }
            publisher.publish(scrape);
            return null;
        });
    }

    private NodeScrape decode(NodeTarget target, KubeletResponse response) {
        try {
            boolean summary = target.path().endsWith(NodeScrape.SOURCE_STATS_SUMMARY);
            KubeletSnapshot snapshot = summary ? SummaryDecoder.decode(response.body())
                    : ResourceMetricsDecoder.decode(new String(response.body(), StandardCharsets.UTF_8),
                            response.requestTime());
            return assembler.assemble(target.nodeName(), target.path(), response.requestTime(),
                    response.durationMillis(), snapshot);
        } catch (ScrapeException e) {
            throw new CompletionException(e);
        }
    }

    /** When the scheduler last fired (start time before the first tick), for the liveness check. */
    public Instant lastTick() {
        return lastTick;
    }

    /** Whether one full cycle ran after the node informer had synced, for the readiness check. */
    public boolean firstCycleDone() {
        return firstCycleDone;
    }
}
