package dev.scalebus.simulator.kubelet;

import dev.scalebus.simulator.workload.ContainerUsage;
import dev.scalebus.simulator.workload.PodUsage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code GET /metrics/resource} in the Prometheus text format, mirroring the kubelet's resource metrics collector
 * (kubernetes/kubernetes pkg/kubelet/metrics/collectors/resource_metrics.go): families sorted by name, series by
 * label values, values as Go floats, the measurement time as a millisecond timestamp, scrape_error without one.
 */
public final class MetricsResourceRenderer {

    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final Comparator<PodUsage> BY_POD = Comparator
            .comparing((PodUsage p) -> p.pod().namespace()).thenComparing(p -> p.pod().name());

    private MetricsResourceRenderer() {
    }

    private record Series(PodUsage pod, ContainerUsage container) {
    }

    public static void render(NodeSnapshot s, StringBuilder out) {
        long ts = s.at().toEpochMilli();
        List<PodUsage> pods = new ArrayList<>(s.pods());
        pods.sort(BY_POD);
        List<Series> containers = new ArrayList<>();
        for (PodUsage p : pods) {
            p.containers().forEach(c -> containers.add(new Series(p, c)));
        }
        containers.sort(Comparator.comparing((Series x) -> x.container().name())
                .thenComparing(x -> x.pod().pod().namespace()).thenComparing(x -> x.pod().pod().name()));

        header(out, "container_cpu_usage_seconds_total", "Cumulative cpu time consumed by the container in core-seconds",
                "counter");
        for (Series x : containers) {
            containerSeries(out, "container_cpu_usage_seconds_total", x);
            value(out, x.container().cpuUsageCoreNanoSeconds(), 9, ts);
        }
        header(out, "container_memory_working_set_bytes", "Current working set of the container in bytes", "gauge");
        for (Series x : containers) {
            containerSeries(out, "container_memory_working_set_bytes", x);
            value(out, x.container().memoryWorkingSetBytes(), 0, ts);
        }
        header(out, "container_start_time_seconds", "Start time of the container since unix epoch in seconds", "gauge");
        for (Series x : containers) {
            containerSeries(out, "container_start_time_seconds", x);
            long startMillis = x.container().startTime().toEpochMilli();
            value(out, startMillis, 3, startMillis);
        }
        header(out, "node_cpu_usage_seconds_total", "Cumulative cpu time consumed by the node in core-seconds",
                "counter");
        out.append("node_cpu_usage_seconds_total ");
        value(out, s.cpuUsageCoreNanoSeconds(), 9, ts);
        header(out, "node_memory_working_set_bytes", "Current working set of the node in bytes", "gauge");
        out.append("node_memory_working_set_bytes ");
        value(out, s.memoryWorkingSetBytes(), 0, ts);
        header(out, "pod_cpu_usage_seconds_total", "Cumulative cpu time consumed by the pod in core-seconds", "counter");
        for (PodUsage p : pods) {
            podSeries(out, "pod_cpu_usage_seconds_total", p);
            value(out, p.cpuUsageCoreNanoSeconds(), 9, ts);
        }
        header(out, "pod_memory_working_set_bytes", "Current working set of the pod in bytes", "gauge");
        for (PodUsage p : pods) {
            podSeries(out, "pod_memory_working_set_bytes", p);
            value(out, p.memoryWorkingSetBytes(), 0, ts);
        }
        header(out, "scrape_error", "1 if there was an error while getting container metrics, 0 otherwise", "gauge");
        out.append("scrape_error 0\n");
    }

    private static void header(StringBuilder out, String name, String help, String type) {
        out.append("# HELP ").append(name).append(" [ALPHA] ").append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void containerSeries(StringBuilder out, String metric, Series x) {
        out.append(metric).append("{container=\"").append(x.container().name())
                .append("\",namespace=\"").append(x.pod().pod().namespace())
                .append("\",pod=\"").append(x.pod().pod().name()).append("\"} ");
    }

    private static void podSeries(StringBuilder out, String metric, PodUsage p) {
        out.append(metric).append("{namespace=\"").append(p.pod().namespace())
                .append("\",pod=\"").append(p.pod().name()).append("\"} ");
    }

    private static void value(StringBuilder out, long unscaled, int scale, long timestampMillis) {
        GoFloat.append(out, unscaled, scale);
        out.append(' ').append(timestampMillis).append('\n');
    }
}
