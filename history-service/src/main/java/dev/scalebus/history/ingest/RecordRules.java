package dev.scalebus.history.ingest;

import dev.scalebus.events.ContainerSample;
import dev.scalebus.events.NodeScrape;
import dev.scalebus.events.NodeUsage;
import dev.scalebus.events.PodSample;
import dev.scalebus.events.ScalingDecision;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Checks a record that parsed against what history will believe: measurement times not later than now plus the
 * future-skew allowance, usage and requests non-negative, sizes bounded. Times before raw retention pass (the
 * writer skips such samples). The answer is the first problem, naming the field and why, or empty when valid.
 */
public final class RecordRules {

    /** The most pods one scrape may carry (Kubernetes' documented limit is 110 per node; 5,000 leaves room). */
    public static final int MAX_PODS = 5_000;
    /** The most containers (init and sidecars included) one pod may carry. */
    public static final int MAX_CONTAINERS_PER_POD = 100;
    /** The longest name: a DNS subdomain, Kubernetes' longest object name. */
    public static final int MAX_NAME_LENGTH = 253;

    private final Clock clock;
    private final Duration futureSkew;

    public RecordRules(Clock clock, Duration futureSkew) {
        this.clock = clock;
        this.futureSkew = futureSkew;
    }

    public Optional<String> problem(NodeScrape s) {
        Instant latest = clock.instant().plus(futureSkew);
        String p = first(
                name("nodeName", s.nodeName()),
                notAfter("scrapeTime", s.scrapeTime(), latest),
                s.pods().size() > MAX_PODS ? "pods: " + s.pods().size() + " pods, more than " + MAX_PODS : null,
                s.node() == null ? null : node(s.node(), latest));
        if (p != null) {
            return Optional.of(p);
        }
        for (int i = 0; i < s.pods().size(); i++) {
            p = pod("pods[" + i + "]", s.pods().get(i), latest);
            if (p != null) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public Optional<String> problem(ScalingDecision d) {
        Instant latest = clock.instant().plus(futureSkew);
        return Optional.ofNullable(first(
                d.id().length() > MAX_NAME_LENGTH ? "id: longer than " + MAX_NAME_LENGTH + " characters" : null,
                name("autoscaler.namespace", d.autoscaler().namespace()),
                name("autoscaler.name", d.autoscaler().name()),
                d.target() == null ? null : name("target.name", d.target().name()),
                d.time() == null ? "time: missing" : notAfter("time", d.time(), latest),
                negative("currentReplicas", (long) d.currentReplicas()),
                negative("desiredReplicas", (long) d.desiredReplicas()),
                d.appliedReplicas() == null ? null : negative("appliedReplicas", (long) d.appliedReplicas())));
    }

    private static String node(NodeUsage n, Instant latest) {
        return first(notAfter("node.timestamp", n.timestamp(), latest),
                negative("node.windowMillis", n.windowMillis()),
                negative("node.cpuNanoCores", n.cpuNanoCores()),
                negative("node.cpuUsageCoreNanoSeconds", n.cpuUsageCoreNanoSeconds()),
                negative("node.memoryWorkingSetBytes", n.memoryWorkingSetBytes()),
                negative("node.memoryUsageBytes", n.memoryUsageBytes()),
                negative("node.memoryRssBytes", n.memoryRssBytes()),
                negative("node.networkRxBytes", n.networkRxBytes()),
                negative("node.networkTxBytes", n.networkTxBytes()),
                negative("node.fsUsedBytes", n.fsUsedBytes()),
                negative("node.fsCapacityBytes", n.fsCapacityBytes()));
    }

    private static String pod(String at, PodSample pod, Instant latest) {
        String p = first(name(at + ".namespace", pod.namespace()), name(at + ".name", pod.name()),
                pod.containers().size() > MAX_CONTAINERS_PER_POD ? at + ".containers: " + pod.containers().size()
                        + " containers, more than " + MAX_CONTAINERS_PER_POD : null);
        if (p != null) {
            return p;
        }
        for (int i = 0; i < pod.containers().size(); i++) {
            p = container(at + ".containers[" + i + "]", pod.containers().get(i), latest);
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    private static String container(String at, ContainerSample c, Instant latest) {
        return first(name(at + ".name", c.name()),
                c.timestamp() == null ? null : notAfter(at + ".timestamp", c.timestamp(), latest),
                negative(at + ".windowMillis", c.windowMillis()),
                negative(at + ".cpuNanoCores", c.cpuNanoCores()),
                negative(at + ".cpuUsageCoreNanoSeconds", c.cpuUsageCoreNanoSeconds()),
                negative(at + ".memoryWorkingSetBytes", c.memoryWorkingSetBytes()),
                negative(at + ".cpuRequestMilliCores", c.cpuRequestMilliCores()),
                negative(at + ".cpuLimitMilliCores", c.cpuLimitMilliCores()),
                negative(at + ".memoryRequestBytes", c.memoryRequestBytes()),
                negative(at + ".memoryLimitBytes", c.memoryLimitBytes()));
    }

    private static String notAfter(String field, Instant t, Instant latest) {
        return t.isAfter(latest) ? field + ": " + t + " is later than now plus the future-skew allowance (" + latest
                + ")" : null;
    }

    private static String negative(String field, Long v) {
        return v != null && v < 0 ? field + ": negative (" + v + ")" : null;
    }

    private static String name(String field, String v) {
        return v != null && v.length() > MAX_NAME_LENGTH ? field + ": longer than " + MAX_NAME_LENGTH + " characters"
                : null;
    }

    private static String first(String... problems) {
        for (String p : problems) {
            if (p != null) {
                return p;
            }
        }
        return null;
    }
}
