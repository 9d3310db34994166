package dev.scalebus.autoscaler;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * history-service's samples and decisions endpoints for the backtest: namespace {@link #NAMESPACE} holds Deployment
 * {@code web} with 2 pods at 80% of a 500m cpu request every 15 s for 10 minutes from {@link #T0}, and one decision;
 * pages of at most 25 rows. Namespace {@code refused} answers history's 400 for a range, {@code denied} 403,
 * {@code down} closes the connection without an answer. Records each request's path, query and Authorization.
 */
public final class FakeHistory implements AutoCloseable {

    public static final String NAMESPACE = "shop";
    public static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    public static final int SCRAPES = 40;
    private static final int PAGE = 25;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as received. */
    public record Request(String path, Map<String, String> query, String authorization) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private FakeHistory(HttpServer server) {
        this.server = server;
    }

    public static FakeHistory start() {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            FakeHistory history = new FakeHistory(s);
            s.createContext("/", history::handle);
            s.start();
            return history;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public void forgetRequests() {
        requests.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            requests.add(new Request(path, query, exchange.getRequestHeaders().getFirst("Authorization")));
            String ns = path.startsWith("/api/v1/samples/namespaces/") ? path.split("/")[5] : query.get("namespace");
            switch (ns == null ? "" : ns) {
                case "down" -> {
                    return; // no answer: the connection closes
                }
                case "denied" -> reply(exchange, 403, "{\"status\":403,\"field\":\"Authorization\","
                        + "\"message\":\"user \\\"system:serviceaccount:scalebus:autoscaler\\\" cannot list samples\"}");
                case "refused" -> reply(exchange, 400, "{\"status\":400,\"field\":\"from\",\"message\":\"from: the "
                        + "range is longer than the maximum PT744H (scalebus.history.api.max-range)\"}");
                default -> reply(exchange, 200, page(path, ns, query).toString());
            }
        }
    }

    private ObjectNode page(String path, String ns, Map<String, String> query) {
        ArrayNode all = JSON.createArrayNode();
        Instant from = Instant.parse(query.get("from"));
        Instant to = Instant.parse(query.get("to"));
        if (path.startsWith("/api/v1/samples/") && NAMESPACE.equals(ns) && path.endsWith("/Deployment/web")
                && "raw".equals(query.get("step"))) {
            for (int i = 0; i < SCRAPES; i++) {
                Instant t = T0.plusSeconds(15L * i);
                for (String pod : List.of("web-a", "web-b")) {
                    if (!t.isBefore(from) && t.isBefore(to)) {
                        all.addObject().put("time", t.toString()).put("key", pod).put("pod", pod)
                                .put("phase", "Running").put("ready", true).put("cpu_nano_cores", 400_000_000L)
                                .put("memory_working_set_bytes", 100L << 20).put("cpu_request_milli_cores", 500)
                                .put("memory_request_bytes", 256L << 20);
                    }
                }
            }
        } else if (path.equals("/api/v1/decisions") && NAMESPACE.equals(ns) && "web".equals(query.get("targetName"))) {
            ObjectNode d = all.addObject().put("id", "d-1").put("time", T0.plusSeconds(60).toString())
                    .put("currentReplicas", 2).put("desiredReplicas", 2).putNull("appliedReplicas")
                    .put("reason", "cpu resource utilization (percentage of request) above target");
            ObjectNode m = d.putArray("metrics").addObject().put("type", "Resource").put("name", "cpu");
            m.putObject("target").put("type", "Utilization").put("averageUtilization", 90);
            m.putObject("current").put("averageUtilization", 80);
            d.putArray("conditions").addObject().put("type", "AbleToScale").put("status", "True")
                    .put("reason", "ReadyForNewScale");
        }
        int start = query.containsKey("continue") ? Integer.parseInt(query.get("continue")) : 0;
        int size = Math.min(PAGE, Integer.parseInt(query.getOrDefault("limit", "100")));
        ObjectNode page = JSON.createObjectNode().put("from", from.toString()).put("to", to.toString());
        ArrayNode items = page.putArray("items");
        for (int i = start; i < Math.min(all.size(), start + size); i++) {
            items.add(all.get(i));
        }
        if (start + size < all.size()) {
            page.put("continue", String.valueOf(start + size));
        }
        return page;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        for (String part : raw == null ? new String[0] : raw.split("&")) {
            int eq = part.indexOf('=');
            q.put(URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }

    private static void reply(HttpExchange exchange, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
