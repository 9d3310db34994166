package dev.scalebus.collector.kubelet;

import dev.scalebus.collector.kube.NodeTarget;
import dev.scalebus.collector.scrape.FailureReason;
import dev.scalebus.collector.scrape.ScrapeException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * {@link KubeletClient} on the JDK HttpClient: HTTP/1.1 over TLS with pooled keep-alive connections (one client
 * for all nodes), the service-account bearer token, a per-node deadline covering connect to last byte, and a body
 * cap enforced while streaming (and up front from Content-Length).
 */
public final class JdkKubeletClient implements KubeletClient {

    private static final int ERROR_SNIPPET_CHARS = 200;

    private final HttpClient http;
    private final TokenSource tokens;
    private final Duration timeout;
    private final long maxBodyBytes;
    private final Clock clock;

    public JdkKubeletClient(SSLContext tls, TokenSource tokens, Duration timeout, long maxBodyBytes, Executor executor,
            Clock clock) {
        this.http = HttpClient.newBuilder()
                .sslContext(tls)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
        this.tokens = tokens;
        this.timeout = timeout;
        this.maxBodyBytes = maxBodyBytes;
        this.clock = clock;
    }

    @Override
    public CompletionStage<KubeletResponse> fetch(NodeTarget target) {
        if (target.host() == null) {
            return CompletableFuture.failedFuture(new ScrapeException(FailureReason.NO_ADDRESS,
                    "node " + target.nodeName() + " has no address of a preferred type"));
        }
        Instant requestTime = clock.instant();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(target))
                .timeout(timeout)
                .header("Accept", target.path().endsWith("/stats/summary") ? "application/json" : "text/plain")
                .GET();
        tokens.token().ifPresent(token -> request.header("Authorization", "Bearer " + token));
        long started = System.nanoTime();
        CompletableFuture<HttpResponse<byte[]>> exchange;
        try {
            exchange = http.sendAsync(request.build(), this::bodyHandler);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(FailureClassifier.classify(e));
        }
        return exchange
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .handle((response, failure) -> {
                    if (failure != null) {
                        exchange.cancel(true);
                        throw new java.util.concurrent.CompletionException(FailureClassifier.classify(failure));
                    }
                    if (response.statusCode() / 100 != 2) {
                        throw new java.util.concurrent.CompletionException(new ScrapeException(FailureReason.HTTP_ERROR,
                                "HTTP " + response.statusCode() + ": " + snippet(response.body())));
                    }
                    return new KubeletResponse(response.body(), requestTime,
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                });
    }

    private HttpResponse.BodySubscriber<byte[]> bodyHandler(HttpResponse.ResponseInfo info) {
        long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (declared > maxBodyBytes) {
            return CappedBodySubscriber.rejecting("Content-Length " + declared + " exceeds max-body-bytes="
                    + maxBodyBytes);
        }
        return new CappedBodySubscriber(maxBodyBytes);
    }

    private static URI uri(NodeTarget target) {
        String host = target.host().contains(":") && !target.host().startsWith("[") ? "[" + target.host() + "]"
                : target.host();
        return URI.create("https://" + host + ":" + target.port() + target.path());
    }

    private static String snippet(byte[] body) {
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8).strip();
        return text.length() <= ERROR_SNIPPET_CHARS ? text : text.substring(0, ERROR_SNIPPET_CHARS) + "…";
    }
}
