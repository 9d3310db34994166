package dev.scalebus.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the suite reads from outside the services: health, the metrics API, the Lease, history's tables. */
final class Probes {

    /**
     * Health endpoints of the four services: /q/health on their management ports (collector 9081, autoscaler 9083,
     * history 9084); metrics-api's Kubernetes-style readyz stays on its HTTP port 8082.
     */
    static final Map<String, String> HEALTH = Map.of("collector-service", "http://127.0.0.1:9081/q/health",
            "metrics-api-service", "http://127.0.0.1:8082/readyz", "autoscaler-service",
            "http://127.0.0.1:9083/q/health", "history-service", "http://127.0.0.1:9084/q/health");
    /** Liveness, what a supervisor (a kubelet's livenessProbe) restarts on. */
    static final Map<String, String> LIVENESS = Map.of("collector-service", "http://127.0.0.1:9081/q/health/live",
            "metrics-api-service", "http://127.0.0.1:8082/livez", "autoscaler-service",
            "http://127.0.0.1:9083/q/health/live", "history-service", "http://127.0.0.1:9084/q/health/live");
    /** metrics-api's Prometheus metrics, on its management port. */
    static final String METRICS_API_METRICS = "http://127.0.0.1:9082/q/metrics";
    /** The autoscaler's health (its leader-election check names the holder), on its management port. */
    static final String AUTOSCALER_HEALTH = "http://127.0.0.1:9083/q/health";
    static final List<String> NODES = List.of("sim-node-0", "sim-node-1", "sim-node-2");

    private final Stack stack;
    private final PrivatePostgres pg;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    Probes(Stack stack, PrivatePostgres pg) {
        this.stack = stack;
        this.pg = pg;
    }

    /** Status code per service (-1: no answer within 5 s). */
    Map<String, Integer> health() {
        Map<String, Integer> out = new LinkedHashMap<>();
        HEALTH.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> out.put(e.getKey(), status(e.getValue())));
        return out;
    }

    /** The services whose process has exited (or left no pid file). */
    List<String> exited(java.nio.file.Path up) {
        return LIVENESS.keySet().stream().sorted().filter(name -> {
            try {
                return !Signals.alive(Signals.pid(up.resolve(name + ".pid")));
            } catch (Exception e) {
                return true;
            }
        }).toList();
    }

    /** The services a supervisor would restart now: exited, or liveness not 200. */
    List<String> notLive(java.nio.file.Path up) {
        List<String> exited = exited(up);
        return LIVENESS.keySet().stream().sorted()
                .filter(name -> exited.contains(name) || status(LIVENESS.get(name)) != 200).toList();
    }

    int status(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    String body(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** metrics.k8s.io nodes through the simulator's aggregator: node name -> item. */
    Map<String, JsonNode> servedNodes() throws Exception {
        Stack.Result r = stack.kubectl("get", "--raw", "/apis/metrics.k8s.io/v1beta1/nodes");
        if (!r.ok()) {
            throw new AssertionError("metrics API nodes: " + r);
        }
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode item : Stack.JSON.readTree(r.output()).path("items")) {
            out.put(item.path("metadata").path("name").asText(), item);
        }
        return out;
    }

    static Instant timestamp(JsonNode item) {
        return Instant.parse(item.path("timestamp").asText());
    }

    /** CPU of a metrics API item in millicores ("123456n", "250m", "2"). */
    static double cpuMillis(JsonNode item) {
        String q = item.path("usage").path("cpu").asText("0");
        if (q.endsWith("n")) {
            return Double.parseDouble(q.substring(0, q.length() - 1)) / 1e6;
        }
        if (q.endsWith("u")) {
            return Double.parseDouble(q.substring(0, q.length() - 1)) / 1e3;
        }
        if (q.endsWith("m")) {
            return Double.parseDouble(q.substring(0, q.length() - 1));
        }
        return Double.parseDouble(q) * 1000;
    }

    /** The autoscaler's Lease wherever it lives (its namespace is a setting): holder and renewTime. */
    JsonNode lease() throws Exception {
        Stack.Result r = stack.kubectl("get", "leases", "-A", "-o", "json");
        if (!r.ok()) {
            throw new AssertionError("leases: " + r);
        }
        for (JsonNode item : Stack.JSON.readTree(r.output()).path("items")) {
            if (item.path("metadata").path("name").asText().equals("scalebus-autoscaler")) {
                return item;
            }
        }
        throw new AssertionError("no Lease scalebus-autoscaler in " + r.output());
    }

    static Instant renewTime(JsonNode lease) {
        return Instant.parse(lease.path("spec").path("renewTime").asText());
    }

    /** The newest node sample history stored for each node. */
    Map<String, Instant> newestStoredSamples() throws Exception {
        Map<String, Instant> out = new LinkedHashMap<>();
        try (Connection c = pg.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT node, max(scrape_time) FROM history.node_samples WHERE scrape_time > now() - interval '1 day'"
                        + " GROUP BY node")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                }
            }
        }
        return out;
    }

    /** Decisions history stored whose time is after {@code after}. */
    long storedDecisionsAfter(Instant after) throws Exception {
        try (Connection c = pg.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM history.decisions WHERE decision_time > ? AND id NOT LIKE 'chaos-%'")) {
            ps.setTimestamp(1, Timestamp.from(after));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
