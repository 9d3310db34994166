package dev.scalebus.bench;

import dev.scalebus.collector.kube.PodInfo;
import dev.scalebus.events.OwnerReference;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * A kubelet {@code /metrics/resource} answer of one node with {@code pods} single-container pods, written the way the
 * kubelet writes it (HELP/TYPE headers, float seconds, millisecond timestamps). Round {@code r} is 15 s after round
 * {@code r - 1} and every CPU counter has grown, so consecutive rounds give a rate.
 */
public final class SyntheticNode {

    public static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");
    public static final int DEPLOYMENTS = 10;

    private SyntheticNode() {
    }

    public static String namespace(int pod) {
        return "bench";
    }

    public static String podName(String node, int pod) {
        return "web-" + (pod % DEPLOYMENTS) + "-" + node + "-" + pod;
    }

    public static Instant time(int round) {
        return BASE.plusSeconds(15L * round);
    }

    public static String metricsResource(String node, int pods, int round) {
        long ms = time(round).toEpochMilli();
        StringBuilder b = new StringBuilder(pods * 600 + 1000);
        b.append("# HELP container_cpu_usage_seconds_total [STABLE] Cumulative cpu time consumed by the container in core-seconds\n");
        b.append("# TYPE container_cpu_usage_seconds_total counter\n");
        for (int p = 0; p < pods; p++) {
            series(b, "container_cpu_usage_seconds_total", node, p);
            b.append(' ').append(cpuSeconds(p, round)).append(' ').append(ms - p).append('\n');
        }
        b.append("# HELP container_memory_working_set_bytes [STABLE] Current working set of the container in bytes\n");
        b.append("# TYPE container_memory_working_set_bytes gauge\n");
        for (int p = 0; p < pods; p++) {
            series(b, "container_memory_working_set_bytes", node, p);
            b.append(' ').append(String.format(java.util.Locale.ROOT, "%.6e", 3.0e7 + p * 1.0e5 + round)).append(' ').append(ms - p).append('\n');
        }
        b.append("# HELP container_start_time_seconds [STABLE] Start time of the container since unix epoch in seconds\n");
        b.append("# TYPE container_start_time_seconds gauge\n");
        long start = BASE.minusSeconds(3600).toEpochMilli();
        for (int p = 0; p < pods; p++) {
            series(b, "container_start_time_seconds", node, p);
            b.append(' ').append(String.format(java.util.Locale.ROOT, "%.9e", start / 1000.0)).append(' ').append(start).append('\n');
        }
        b.append("# HELP node_cpu_usage_seconds_total [STABLE] Cumulative cpu time consumed by the node in core-seconds\n");
        b.append("# TYPE node_cpu_usage_seconds_total counter\n");
        b.append("node_cpu_usage_seconds_total ").append(1000.0 + 12.5 * round).append(' ').append(ms).append('\n');
        b.append("# HELP node_memory_working_set_bytes [STABLE] Current working set of the node in bytes\n");
        b.append("# TYPE node_memory_working_set_bytes gauge\n");
        b.append("node_memory_working_set_bytes 4.294967296e+09 ").append(ms).append('\n');
        b.append("# HELP resource_scrape_error [STABLE] 1 if there was an error while getting container metrics, 0 otherwise\n");
        b.append("# TYPE resource_scrape_error gauge\n");
        b.append("resource_scrape_error 0\n");
        return b.toString();
    }

    private static void series(StringBuilder b, String metric, String node, int p) {
        b.append(metric).append("{container=\"app\",namespace=\"").append(namespace(p)).append("\",pod=\"")
                .append(podName(node, p)).append("\"}");
    }

    private static String cpuSeconds(int pod, int round) {
        // 0.05 + 0.01 * (pod % 7) cores, so 15 s add 0.75..1.65 core-seconds; microsecond precision like cAdvisor
        double cores = 0.05 + 0.01 * (pod % 7);
        return String.format(java.util.Locale.ROOT, "%.6f", 100.0 + pod + cores * 15 * round);
    }

    /** What the API server would tell the collector about these pods (labels, owner, one container spec). */
    public static BiFunction<String, String, Optional<PodInfo>> podDirectory(String node, int pods) {
        Map<String, PodInfo> byName = new HashMap<>();
        for (int p = 0; p < pods; p++) {
            String app = "web-" + (p % DEPLOYMENTS);
            byName.put(podName(node, p), new PodInfo("uid-" + node + "-" + p, node,
                    Map.of("app", app, "tier", p % 2 == 0 ? "frontend" : "backend", "pod-template-hash", "5d5d7ccf85",
                            "team", "bench"),
                    new OwnerReference("ReplicaSet", app + "-5d5d7ccf85"), "Running", true, BASE.minusSeconds(3500),
                    BASE.minusSeconds(3600), false,
                    List.of(new PodInfo.ContainerSpec("app", false, 200L, 1000L, 256L << 20, 512L << 20))));
        }
        return (namespace, name) -> Optional.ofNullable(byName.get(name));
    }
}
