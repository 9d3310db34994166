package dev.scalebus.autoscaler.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scalebus.autoscaler.backtest.RecordedPod;
import dev.scalebus.autoscaler.backtest.Timeline;
import dev.scalebus.autoscaler.controller.AutoscalerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@link HistoryClient} over history-service's REST API with the JDK HTTP client: the workload samples endpoint at
 * step raw, in slices of {@code backtest.history-slice}, each paged by {@code continue}; the decisions endpoint
 * filtered by target. Sends the service account token as Bearer when the token file exists.
 */
@ApplicationScoped
public class JdkHistoryClient implements HistoryClient {

    static final int PAGE = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final Path tokenFile;
    private final Duration timeout;
    private final Duration slice;
    private final Clock clock;
    private final HttpClient http;

    @Inject
    public JdkHistoryClient(AutoscalerConfig config, Clock clock) {
        this(config.backtest(), clock);
    }

    public JdkHistoryClient(AutoscalerConfig.Backtest b, Clock clock) {
        this.baseUrl = b.historyUrl().replaceFirst("/+$", "");
        this.tokenFile = Path.of(b.historyTokenFile());
        this.timeout = b.historyTimeout();
        this.slice = b.historySlice();
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public List<RecordedPod> samples(WorkloadRef w, Instant from, Instant to, int maxRows, Instant deadline) {
        List<RecordedPod> rows = new ArrayList<>();
        String path = "/api/v1/samples/namespaces/" + enc(w.namespace()) + "/workloads/" + enc(w.kind()) + "/"
                + enc(w.name());
        for (Instant start = from; start.isBefore(to); start = start.plus(slice)) {
            Instant end = start.plus(slice).isBefore(to) ? start.plus(slice) : to;
            pages(path + "?step=raw&from=" + start + "&to=" + end, deadline, item -> {
                if (rows.size() >= maxRows) {
                    throw new HistoryException(HistoryException.Kind.TOO_MANY, null, "more than " + maxRows
                            + " recorded pod samples");
                }
                rows.add(pod(item));
            });
        }
        return rows;
    }

    @Override
    public List<Timeline.Point> decisions(WorkloadRef w, Instant from, Instant to, Instant deadline) {
        List<Timeline.Point> points = new ArrayList<>();
        pages("/api/v1/decisions?namespace=" + enc(w.namespace()) + "&targetKind=" + enc(w.kind())
                + "&targetName=" + enc(w.name()) + "&from=" + from + "&to=" + to, deadline,
                item -> points.add(HistoryRows.decision(item)));
        return points;
    }

    private void pages(String query, Instant deadline, Consumer<JsonNode> each) {
        String token = null;
        do {
            if (clock.instant().isAfter(deadline)) {
                throw new HistoryException(HistoryException.Kind.TOO_SLOW, null, "reading history ran past the "
                        + "backtest's wall-time limit (scalebus.autoscaler.backtest.max-wall-time)");
            }
            JsonNode page = get(query + "&limit=" + PAGE + (token == null ? "" : "&continue=" + enc(token)));
            page.path("items").forEach(each);
            token = page.path("continue").isTextual() ? page.path("continue").asText() : null;
        } while (token != null);
    }

    private JsonNode get(String pathAndQuery) {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).timeout(timeout)
                .header("Accept", "application/json").GET();
        String bearer = token();
        if (bearer != null) {
            req.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> res;
        try {
            res = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new HistoryException(HistoryException.Kind.UNAVAILABLE, null, "history-service at " + baseUrl
                    + " is unreachable: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HistoryException(HistoryException.Kind.UNAVAILABLE, null, "interrupted reading history");
        }
        JsonNode body = parse(res.body());
        String message = body.path("message").asText(res.body());
        return switch (res.statusCode()) {
            case 200 -> body;
            case 400 -> throw new HistoryException(HistoryException.Kind.REFUSED, body.path("field").asText(""),
                    message);
            case 401, 403 -> throw new HistoryException(HistoryException.Kind.DENIED, null, "history-service "
                    + "answered " + res.statusCode() + ": " + message);
            default -> throw new HistoryException(HistoryException.Kind.UNAVAILABLE, null, "history-service "
                    + "answered " + res.statusCode() + ": " + message);
        };
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private String token() {
        try {
            return Files.isReadable(tokenFile) ? Files.readString(tokenFile).trim() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static RecordedPod pod(JsonNode r) {
        return new RecordedPod(HistoryRows.time(r, "time"), r.path("pod").asText(),
                HistoryRows.text(r, "phase"), r.path("ready").isBoolean() ? r.path("ready").asBoolean() : null,
                HistoryRows.number(r, "cpu_nano_cores"), HistoryRows.number(r, "memory_working_set_bytes"),
                HistoryRows.number(r, "cpu_request_milli_cores"), HistoryRows.number(r, "memory_request_bytes"),
                HistoryRows.text(r, "node"));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
