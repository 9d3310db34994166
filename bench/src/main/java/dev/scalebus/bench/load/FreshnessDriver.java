package dev.scalebus.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * End-to-end freshness of the running stack: from a kubelet counter's timestamp to the moment the metrics API first
 * serves it. Polls {@code /apis/metrics.k8s.io/v1beta1/nodes} (plain HTTP, authentication off) at most once per
 * {@code pollMillis}, and {@code /pods} (every pod of the cluster: a large answer) at every {@code podsEvery}-th
 * poll; whenever a node's or pod's {@code timestamp} changes, one sample = the time the answer that showed it
 * arrived − the kubelet's timestamp. A sample is late by at most one poll interval of its kind.
 *
 * <p>metrics.k8s.io timestamps have whole seconds (meta/v1 Time, JSON and protobuf alike), so the exact millisecond
 * the kubelet reported is taken from the same scrape's NodeScrape event on the collector's topic
 * ({@link ScrapeTimestamps}): the served second identifies the scrape, the event gives its millisecond. The first
 * value seen of each object is not a sample (its arrival was not watched).
 *
 * <p>Args: metricsApiBaseUrl kafkaBootstrap topic seconds pollMillis podsEvery
 */
public final class FreshnessDriver {

    private record Pending(String key, long epochSecond, long seenMillis) {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String bootstrap = args[1];
        String topic = args[2];
        double seconds = Double.parseDouble(args[3]);
        long pollMillis = Long.parseLong(args[4]);
        int podsEvery = Integer.parseInt(args[5]);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ObjectMapper json = new ObjectMapper();
        Map<String, Long> lastSecond = new HashMap<>();
        List<Pending> nodes = new ArrayList<>();
        List<Pending> pods = new ArrayList<>();
        int polls = 0;
        int podPolls = 0;
        long started = System.nanoTime();
        try (ScrapeTimestamps exact = ScrapeTimestamps.start(bootstrap, topic)) {
            long end = System.nanoTime() + (long) (seconds * 1e9);
            while (System.nanoTime() < end) {
                long p0 = System.nanoTime();
                boolean withPods = polls % podsEvery == 0;
                for (String kind : withPods ? new String[] {"nodes", "pods"} : new String[] {"nodes"}) {
                    HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(
                            URI.create(base + "/apis/metrics.k8s.io/v1beta1/" + kind))
                            .timeout(Duration.ofSeconds(10)).header("Accept", "application/json").build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    long seen = System.currentTimeMillis();
                    if (answer.statusCode() != 200) {
                        throw new IllegalStateException("GET " + kind + ": " + answer.statusCode() + " "
                                + new String(answer.body()));
                    }
                    for (JsonNode item : json.readTree(answer.body()).path("items")) {
                        JsonNode meta = item.path("metadata");
                        String key = kind.equals("nodes") ? meta.path("name").asText()
                                : meta.path("namespace").asText() + "/" + meta.path("name").asText();
                        long second = Instant.parse(item.path("timestamp").asText()).getEpochSecond();
                        Long before = lastSecond.put(kind + ":" + key, second);
                        if (before != null && before != second) {
                            (kind.equals("nodes") ? nodes : pods).add(new Pending(key, second, seen));
                        }
                    }
                }
                polls++;
                podPolls += withPods ? 1 : 0;
                long rest = pollMillis - (System.nanoTime() - p0) / 1_000_000;
                if (rest > 0) {
                    Thread.sleep(rest);
                }
            }
            exact.awaitQuiet(Duration.ofSeconds(1));
            double wallMillis = (System.nanoTime() - started) / 1e6;
            System.out.printf(Locale.ROOT, "freshness: %d polls of the nodes, %d of all pods in %.1f s, "
                    + "%d NodeScrape events read%n", polls, podPolls, wallMillis / 1000, exact.events());
            System.out.printf(Locale.ROOT, "RESULT freshness.nodes.pollMillis %.0f%n", wallMillis / polls);
            System.out.printf(Locale.ROOT, "RESULT freshness.pods.pollMillis %.0f%n", wallMillis / podPolls);
            int matched = report("nodes", nodes, exact::node) + report("pods", pods, exact::pod);
            publishing(nodes, exact);
            System.exit(matched == 0 ? 2 : 0);
        }
    }

    /**
     * The collector's share of the node samples: kubelet timestamp -> the NodeScrape record's CreateTime (scrape,
     * decode, rates, enrichment, the producer's send). The rest of a sample is Kafka, the metrics API's consumer and
     * window, and the poll.
     */
    private static void publishing(List<Pending> nodes, ScrapeTimestamps exact) {
        long[] millis = nodes.stream().mapToLong(p -> {
            Long ts = exact.node(p.key(), p.epochSecond());
            Long published = exact.nodePublished(p.key(), p.epochSecond());
            return ts == null || published == null ? Long.MIN_VALUE : published - ts;
        }).filter(v -> v != Long.MIN_VALUE).sorted().toArray();
        if (millis.length > 0) {
            System.out.printf(Locale.ROOT, "RESULT freshness.nodes.publishedP50Millis %d%n", Percentiles.of(millis, 50));
            System.out.printf(Locale.ROOT, "RESULT freshness.nodes.publishedP99Millis %d%n", Percentiles.of(millis, 99));
        }
    }

    private interface Exact {
        Long millis(String key, long epochSecond);
    }

    /** Prints p50/p99/max of one kind's samples; returns how many were matched to a kubelet millisecond. */
    private static int report(String kind, List<Pending> pending, Exact exact) {
        long[] samples = new long[pending.size()];
        int n = 0;
        int unmatched = 0;
        for (Pending p : pending) {
            Long ms = exact.millis(p.key(), p.epochSecond());
            if (ms == null) {
                unmatched++;
            } else {
                samples[n++] = p.seenMillis() - ms;
            }
        }
        long[] sorted = java.util.Arrays.copyOf(samples, n);
        java.util.Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "RESULT freshness.%s.samples %d%n", kind, n);
        System.out.printf(Locale.ROOT, "RESULT freshness.%s.unmatched %d%n", kind, unmatched);
        if (n > 0) {
            System.out.printf(Locale.ROOT, "RESULT freshness.%s.p50Millis %d%n", kind, Percentiles.of(sorted, 50));
            System.out.printf(Locale.ROOT, "RESULT freshness.%s.p99Millis %d%n", kind, Percentiles.of(sorted, 99));
            System.out.printf(Locale.ROOT, "RESULT freshness.%s.maxMillis %d%n", kind, sorted[n - 1]);
        }
        return n;
    }
}
