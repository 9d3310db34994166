package dev.scalebus.autoscaler;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for a custom/external metrics API server behind the aggregator: answers fixed bodies by request path
 * (without the query) and records every request URI it received.
 */
public final class FakeMetricsApi implements AutoCloseable {

    public record Answer(int code, String body) {
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private FakeMetricsApi(HttpServer server) {
        this.server = server;
    }

    static FakeMetricsApi start() {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            FakeMetricsApi api = new FakeMetricsApi(s);
            s.createContext("/", exchange -> {
                api.requests.add(exchange.getRequestURI().toString());
                Answer a = api.answers.getOrDefault(exchange.getRequestURI().getPath(), new Answer(404,
                        "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\","
                                + "\"message\":\"the server could not find the metric\",\"code\":404}"));
                byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(a.code(), body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            s.start();
            return api;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Answer {@code path} (no query) with {@code code} and {@code body} from now on. */
    public void answer(String path, int code, String body) {
        answers.put(path, new Answer(code, body));
    }

    /** Every request URI (path and query) received so far. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
