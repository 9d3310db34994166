package dev.scalebus.collector.scrape;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes the kubelet's {@code /metrics/resource} answer, mirroring metrics-server
 * pkg/scraper/client/resource/decode.go (decodeBatch): only the node and container CPU / working-set series and
 * container_start_time_seconds count, seconds become nanoseconds, timestamps are milliseconds and a missing one
 * means the request time. Unlike metrics-server a container with one series missing (or 0, the kubelet's "no
 * data") keeps the other one instead of dropping its whole pod (metrics-server #792, #796).
 */
public final class ResourceMetricsDecoder {

    static final String NODE_CPU = "node_cpu_usage_seconds_total";
    static final String NODE_MEMORY = "node_memory_working_set_bytes";
    static final String CONTAINER_CPU = "container_cpu_usage_seconds_total";
    static final String CONTAINER_MEMORY = "container_memory_working_set_bytes";
    static final String CONTAINER_START = "container_start_time_seconds";

    private ResourceMetricsDecoder() {
    }

    public static KubeletSnapshot decode(String body, Instant requestTime) throws ScrapeException {
        Instant nodeTimestamp = null;
        Long nodeCpu = null;
        Long nodeMemory = null;
        Map<List<String>, ContainerBuilder> containers = new LinkedHashMap<>();
        for (PrometheusTextParser.Sample sample : PrometheusTextParser.parse(body)) {
            Instant timestamp = sample.timestampMillis() == null ? requestTime
                    : Instant.ofEpochMilli(sample.timestampMillis());
            switch (sample.name()) {
                case NODE_CPU -> {
                    nodeCpu = positiveOrNull(secondsToNanos(sample));
                    nodeTimestamp = timestamp;
                }
                case NODE_MEMORY -> {
                    nodeMemory = positiveOrNull(wholeNumber(sample));
                    nodeTimestamp = timestamp;
                }
                case CONTAINER_CPU -> {
                    ContainerBuilder c = container(containers, sample);
                    c.cpu = positiveOrNull(secondsToNanos(sample));
                    c.timestamp = timestamp;
                }
                case CONTAINER_MEMORY -> {
                    ContainerBuilder c = container(containers, sample);
                    c.memory = positiveOrNull(wholeNumber(sample));
                    c.timestamp = timestamp;
                }
                case CONTAINER_START -> container(containers, sample).startTime = secondsToInstant(sample);
                default -> {
                    // pod_*, *_swap_*, scrape_error: metrics-server ignores them too
                }
            }
        }
        NodePoint node = nodeCpu == null && nodeMemory == null ? null
                : new NodePoint(nodeTimestamp, nodeCpu, null, nodeMemory, null, null, null, null, null, null);
        return new KubeletSnapshot(node, pods(containers));
    }

    private static List<PodPoint> pods(Map<List<String>, ContainerBuilder> containers) {
        Map<List<String>, List<ContainerPoint>> byPod = new LinkedHashMap<>();
        containers.forEach((key, c) -> byPod.computeIfAbsent(key.subList(0, 2), k -> new ArrayList<>())
                .add(new ContainerPoint(key.get(2), c.startTime, c.timestamp, c.cpu, null, c.memory)));
        List<PodPoint> pods = new ArrayList<>();
        byPod.forEach((key, list) -> pods.add(new PodPoint(key.get(0), key.get(1), null, null, list)));
        return pods;
    }

    private static ContainerBuilder container(Map<List<String>, ContainerBuilder> containers,
            PrometheusTextParser.Sample sample) throws ScrapeException {
        List<String> key = List.of(label(sample, "namespace"), label(sample, "pod"), label(sample, "container"));
        return containers.computeIfAbsent(key, k -> new ContainerBuilder());
    }

    private static String label(PrometheusTextParser.Sample sample, String name) throws ScrapeException {
        String value = sample.labels().get(name);
        if (value == null || value.isEmpty()) {
            throw ScrapeException.malformed("Prometheus text line " + sample.line() + ": " + sample.name()
                    + " has no '" + name + "' label");
        }
        return value;
    }

    private static BigDecimal finiteNonNegative(PrometheusTextParser.Sample sample) throws ScrapeException {
        try {
            BigDecimal value = new BigDecimal(sample.value());
            if (value.signum() >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // NaN / Inf: reported below
        }
        throw ScrapeException.malformed("Prometheus text line " + sample.line() + ": " + sample.name()
                + " value '" + sample.value() + "' is not a finite non-negative number");
    }

    /** Seconds to nanoseconds, truncated like metrics-server's {@code uint64(v*1e9)} but without float error. */
    private static long secondsToNanos(PrometheusTextParser.Sample sample) throws ScrapeException {
        return finiteNonNegative(sample).movePointRight(9).toBigInteger().longValue();
    }

    private static long wholeNumber(PrometheusTextParser.Sample sample) throws ScrapeException {
        return finiteNonNegative(sample).toBigInteger().longValue();
    }

    private static Instant secondsToInstant(PrometheusTextParser.Sample sample) throws ScrapeException {
        long nanos = secondsToNanos(sample);
        return Instant.ofEpochSecond(nanos / 1_000_000_000L, nanos % 1_000_000_000L);
    }

    private static Long positiveOrNull(long value) {
        return value == 0 ? null : value;
    }

    private static final class ContainerBuilder {
        Instant startTime;
        Instant timestamp;
        Long cpu;
        Long memory;
    }
}
