package dev.scalebus.autoscaler.window;

import dev.scalebus.autoscaler.hpa.MetricReads;
import dev.scalebus.events.ContainerSample;
import dev.scalebus.events.NodeScrape;
import dev.scalebus.events.PodSample;
import dev.scalebus.events.Quantity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The latest resource usage of every pod seen on {@code scalebus.node-scrapes}: what metrics.k8s.io would answer.
 * Samples older than the maximum age are not served, so stale metrics make the Resource metrics fail (and the
 * autoscaler report ScalingActive=False) instead of scaling on old data.
 */
public final class PodMetricsWindow {

    private record Entry(MetricReads.PodUsage usage, Map<String, String> labels, Instant received) {
    }

    private final Map<String, Entry> pods = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration maxAge;

    public PodMetricsWindow(Clock clock, Duration maxAge) {
        this.clock = clock;
        this.maxAge = maxAge;
    }

    /** Takes in one node scrape; returns the namespaces of the pods it carried. */
    public List<String> accept(NodeScrape scrape) {
        List<String> namespaces = new ArrayList<>();
        for (PodSample p : scrape.pods()) {
            if (!namespaces.contains(p.namespace())) {
                namespaces.add(p.namespace());
            }
            MetricReads.PodUsage usage = usage(p, scrape.scrapeTime());
            if (usage != null) {
                pods.put(p.namespace() + "/" + p.name(), new Entry(usage, p.labels(), clock.instant()));
            }
        }
        return namespaces;
    }

    // one container without a cpu rate yet leaves the pod without cpu (missing), as metrics-server would
    private static MetricReads.PodUsage usage(PodSample p, Instant scrapeTime) {
        List<MetricReads.ContainerUsage> containers = new ArrayList<>();
        Instant ts = null;
        Long windowMillis = null;
        for (ContainerSample c : p.containers()) {
            Map<String, Quantity> u = new HashMap<>();
            if (c.cpuNanoCores() != null) {
                u.put("cpu", Quantity.ofNanoCores(c.cpuNanoCores()));
            }
            if (c.memoryWorkingSetBytes() != null) {
                u.put("memory", Quantity.ofBytes(c.memoryWorkingSetBytes()));
            }
            containers.add(new MetricReads.ContainerUsage(c.name(), u));
            if (c.timestamp() != null && (ts == null || c.timestamp().isAfter(ts))) {
                ts = c.timestamp();
            }
            if (c.windowMillis() != null) {
                windowMillis = c.windowMillis();
            }
        }
        if (containers.isEmpty()) {
            return null;
        }
        return new MetricReads.PodUsage(p.name(), ts != null ? ts : scrapeTime,
                Duration.ofMillis(windowMillis != null ? windowMillis : 15_000), containers);
    }

    /** The fresh samples of a namespace, as a metrics API read. */
    public MetricReads.ResourceRead read(String namespace) {
        return read(namespace, labels -> true);
    }

    /** The fresh samples of the pods a label selector selects in a namespace (PodMetrics list by selector). */
    public MetricReads.ResourceRead read(String namespace, Predicate<Map<String, String>> selector) {
        Instant oldest = clock.instant().minus(maxAge);
        String prefix = namespace + "/";
        List<MetricReads.PodUsage> out = new ArrayList<>();
        pods.forEach((key, e) -> {
            if (key.startsWith(prefix) && selector.test(e.labels()) && !e.usage().timestamp().isBefore(oldest)) {
                out.add(e.usage());
            }
        });
        return new MetricReads.ResourceRead(out, null);
    }

    /** Forgets samples far older than the maximum age. */
    public void prune() {
        Instant cutoff = clock.instant().minus(maxAge.multipliedBy(4));
        pods.values().removeIf(e -> e.received().isBefore(cutoff));
    }
}
