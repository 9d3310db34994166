package dev.scalebus.simulator.podmetrics;

import dev.scalebus.simulator.kubelet.GoFloat;
import dev.scalebus.simulator.workload.RequestCounters;
import dev.scalebus.simulator.workload.SimContainer;
import dev.scalebus.simulator.workload.SimPod;
import java.time.Instant;

/**
 * An application's /metrics in the Prometheus text exposition format 0.0.4, as a Go or Java client library writes
 * it: HELP/TYPE lines, no timestamps. Counts are whole requests (the model integrates fractions; the app has served
 * only whole ones), so {@code _count} and {@code http_requests_total} print the same number.
 */
public final class AppMetricsRenderer {

    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private AppMetricsRenderer() {
    }

    /** Reads the pod's serving (first) container once and renders it. */
    public static void render(SimPod pod, Instant now, StringBuilder out) {
        SimContainer serving = pod.containers().get(0);
        RequestCounters.Stats stats = serving.requestStats(pod, now);
        long memory = serving.sample(pod, now).memoryWorkingSetBytes();
        long requests = whole(stats.requests());
        out.append("# HELP http_requests_total Total number of HTTP requests served.\n")
                .append("# TYPE http_requests_total counter\n")
                .append("http_requests_total{method=\"GET\",code=\"200\"} ");
        GoFloat.append(out, requests, 0);
        out.append('\n')
                .append("# HELP http_request_duration_seconds Time spent serving HTTP requests.\n")
                .append("# TYPE http_request_duration_seconds histogram\n");
        double[] buckets = stats.cumulativeBuckets();
        // whole requests per bucket, never above the total (the +Inf bucket)
        for (int i = 0; i < buckets.length; i++) {
            out.append("http_request_duration_seconds_bucket{le=\"");
            GoFloat.append(out, Math.round(RequestCounters.BUCKETS[i] * 1000), 3);
            out.append("\"} ");
            GoFloat.append(out, Math.min(requests, whole(buckets[i])), 0);
            out.append('\n');
        }
        out.append("http_request_duration_seconds_bucket{le=\"+Inf\"} ");
        GoFloat.append(out, requests, 0);
        out.append("\nhttp_request_duration_seconds_sum ");
        GoFloat.append(out, Math.round(stats.latencySumSeconds() * 1e6), 6);
        out.append("\nhttp_request_duration_seconds_count ");
        GoFloat.append(out, requests, 0);
        out.append('\n')
                .append("# HELP process_resident_memory_bytes Resident memory size in bytes.\n")
                .append("# TYPE process_resident_memory_bytes gauge\n")
                .append("process_resident_memory_bytes ");
        GoFloat.append(out, memory, 0);
        out.append('\n');
    }

    /** Whole requests; the integration's rounding (25 req/s x 40,000 s = 999,999.99999...) must not lose one. */
    private static long whole(double count) {
        return (long) Math.floor(count * (1 + 1e-12) + 1e-9);
    }
}
