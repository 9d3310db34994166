package dev.scalebus.autoscaler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The API server's TokenReview and SubjectAccessReview, which the cluster-simulator does not implement: a JDK HTTP
 * server registered with the simulator's aggregator as {@code v1.authentication.k8s.io} and
 * {@code v1.authorization.k8s.io}. Tokens: {@link #SIMULATOR} (alice, may create simulations.scalebus.dev and
 * backtests.scalebus.dev at the cluster scope), {@link #VIEWER} (bob, may not), {@link #SAR_FAILS} (carol, whose SubjectAccessReview fails with a
 * 500), {@link #REVIEW_FAILS} (the TokenReview fails with a 500); any other token is not authenticated.
 */
public final class FakeReviews implements AutoCloseable {

    public static final String SIMULATOR = "simulator-token";
    public static final String VIEWER = "viewer-token";
    public static final String SAR_FAILS = "sar-fails-token";
    public static final String REVIEW_FAILS = "review-fails-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FAILURE = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
            + "\"reason\":\"InternalError\",\"message\":\"review backend down (test)\",\"code\":500}";

    private final HttpServer server;
    private final List<JsonNode> accessReviews = new CopyOnWriteArrayList<>();

    private FakeReviews(HttpServer server) {
        this.server = server;
    }

    static FakeReviews start() {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            FakeReviews reviews = new FakeReviews(s);
            s.createContext("/", reviews::handle);
            s.start();
            return reviews;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The spec of every SubjectAccessReview received so far. */
    public List<JsonNode> accessReviews() {
        return List.copyOf(accessReviews);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        try (exchange) {
            if ("GET".equals(exchange.getRequestMethod())) {
                // discovery of the two group versions
                String gv = path.replaceFirst("^/apis/", "");
                reply(exchange, 200, "{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\",\"groupVersion\":\"" + gv
                        + "\",\"resources\":[]}");
                return;
            }
            JsonNode review = JSON.readTree(exchange.getRequestBody().readAllBytes());
            if (path.endsWith("/tokenreviews")) {
                tokenReview(exchange, (ObjectNode) review);
            } else if (path.endsWith("/subjectaccessreviews")) {
                accessReview(exchange, (ObjectNode) review);
            } else {
                reply(exchange, 404, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":404}");
            }
        }
    }

    private static void tokenReview(HttpExchange exchange, ObjectNode review) throws IOException {
        String token = review.at("/spec/token").asText();
        if (token.equals(REVIEW_FAILS)) {
            reply(exchange, 500, FAILURE);
            return;
        }
        String user = switch (token) {
            case SIMULATOR -> "alice";
            case VIEWER -> "bob";
            case SAR_FAILS -> "carol";
            default -> null;
        };
        ObjectNode status = review.putObject("status").put("authenticated", user != null);
        if (user != null) {
            status.putObject("user").put("username", user).put("uid", "uid-" + user).putArray("groups").add("team");
        }
        reply(exchange, 201, review.toString());
    }

    private void accessReview(HttpExchange exchange, ObjectNode review) throws IOException {
        JsonNode spec = review.path("spec");
        accessReviews.add(spec);
        String user = spec.path("user").asText();
        if (user.equals("carol")) {
            reply(exchange, 500, FAILURE);
            return;
        }
        JsonNode attrs = spec.path("resourceAttributes");
        boolean allowed = user.equals("alice") && attrs.path("verb").asText().equals("create")
                && attrs.path("group").asText().equals("scalebus.dev")
                && List.of("simulations", "backtests").contains(attrs.path("resource").asText())
                && attrs.path("namespace").asText("").isEmpty();
        review.putObject("status").put("allowed", allowed).put("reason", allowed ? "RBAC: allowed by test" : "");
        reply(exchange, 201, review.toString());
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
