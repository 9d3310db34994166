package dev.scalebus.collector.custom;

import dev.scalebus.collector.kube.AppPodTarget;
import dev.scalebus.collector.kubelet.FailureClassifier;
import dev.scalebus.collector.kubelet.KubeletResponse;
import dev.scalebus.collector.ops.AppMetrics;
import dev.scalebus.collector.scrape.OnceLog;
import dev.scalebus.collector.scrape.PrometheusTextParser;
import dev.scalebus.collector.scrape.ScrapeException;
import dev.scalebus.events.CustomMetricSamples;
import dev.scalebus.events.rules.AdapterRules;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * One cycle over the application pods: at most {@code concurrency} requests in flight, each bounded by the per-pod
 * timeout (a dead pod holds one slot and delays nobody); each answer is parsed (a malformed exposition fails the
 * whole pod, as a Prometheus scrape fails), reduced to the rule-selected series and, when at least one series is
 * left, published at once as one {@link CustomMetricSamples}. Failures are counted by reason and logged once per
 * pod and reason, and once more when the pod recovers. No CDI: AppScrapeLoop schedules it, tests call it directly.
 */
public final class AppScraper {

    private static final Logger LOG = Logger.getLogger(AppScraper.class);

    private final AdapterRules rules;
    private final AppMetricsClient client;
    private final Consumer<CustomMetricSamples> publish;
    private final AppMetrics metrics;
    private final int concurrency;
    private final Executor parseThreads;
    private final OnceLog onceLog = new OnceLog();

    public AppScraper(AdapterRules rules, AppMetricsClient client, Consumer<CustomMetricSamples> publish,
            AppMetrics metrics, int concurrency, Executor parseThreads) {
        this.rules = rules;
        this.client = client;
        this.publish = publish;
        this.metrics = metrics;
        this.concurrency = concurrency;
        this.parseThreads = parseThreads;
    }

    /** Scrapes every target; completes when the last one finished (never exceptionally). */
    public CompletableFuture<Void> cycle(long cycle, List<AppPodTarget> targets) {
        Queue<AppPodTarget> queue = new ConcurrentLinkedQueue<>();
        for (AppPodTarget target : targets) {
            if (target.scrapable()) {
                queue.add(target);
            } else {
                failed(cycle, target, target.problem(), target.detail());
            }
        }
        metrics.targeted(queue.size());
        CompletableFuture<Void> done = new CompletableFuture<>();
        AtomicInteger remaining = new AtomicInteger(queue.size());
        if (queue.isEmpty()) {
            done.complete(null);
            return done;
        }
        for (int i = 0; i < Math.min(concurrency, queue.size()); i++) {
            next(cycle, queue, remaining, done);
        }
        return done;
    }

    private void next(long cycle, Queue<AppPodTarget> queue, AtomicInteger remaining, CompletableFuture<Void> done) {
        AppPodTarget target = queue.poll();
        if (target == null) {
            return;
        }
        // async continuation: a run of instantly failing pods must not recurse down the stack
        scrape(cycle, target).whenCompleteAsync((ignored, error) -> {
            if (remaining.decrementAndGet() == 0) {
                done.complete(null);
            } else {
                next(cycle, queue, remaining, done);
            }
        }, parseThreads);
    }

    private CompletableFuture<Void> scrape(long cycle, AppPodTarget target) {
        long started = System.nanoTime();
        CompletableFuture<CustomMetricSamples> result;
        try {
            result = client.fetch(target).toCompletableFuture()
                    .thenApplyAsync(response -> samples(target, response), parseThreads);
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return result.handle((samples, failure) -> {
            if (failure != null) {
                ScrapeException error = FailureClassifier.classify(failure);
                failed(cycle, target, error.reason().tag(), error.getMessage());
                return null;
            }
            metrics.scraped(Duration.ofNanos(System.nanoTime() - started));
            if (onceLog.recovered(target.key())) {
                LOG.infof("cycle %d pod %s: scraping %s works again", cycle, target.key(), target.uri());
            }
            if (!samples.series().isEmpty()) {
                publish.accept(samples);
            }
            return null;
        });
    }

    private CustomMetricSamples samples(AppPodTarget target, KubeletResponse response) {
        try {
            List<PrometheusTextParser.Sample> parsed = PrometheusTextParser.parse(
                    new String(response.body(), StandardCharsets.UTF_8));
            SeriesSelection selection = SeriesSelection.select(target.namespace(), target.pod(), parsed, rules);
            LOG.debugf("pod %s: %d samples exposed, %d selected, %d non-finite dropped", target.key(),
                    selection.exposed(), selection.series().size(), selection.nonFinite());
            return CustomMetricSamples.of(target.namespace(), target.pod(), target.nodeName(), response.requestTime(),
                    response.durationMillis(), selection.series());
        } catch (ScrapeException e) {
            throw new CompletionException(e);
        }
    }

    private void failed(long cycle, AppPodTarget target, String reason, String detail) {
        metrics.failed(reason);
        if (onceLog.first(target.key(), reason)) {
            LOG.infof("cycle %d pod %s skipped: scrape of %s failed (%s): %s (logged once per pod and reason)",
                    cycle, target.key(), target.uri() == null ? "<no address>" : target.uri(), reason, detail);
        }
    }
}
