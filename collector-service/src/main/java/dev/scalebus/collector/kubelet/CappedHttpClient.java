package dev.scalebus.collector.kubelet;

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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * One GET on a shared JDK HttpClient (pooled keep-alive connections) with a deadline covering connect to last byte
 * and a body cap enforced up front from Content-Length and while streaming. Failures are classified
 * {@link ScrapeException}s; a non-2xx status is {@code http-error} with the start of the body. Used for kubelets and
 * for application pods.
 */
public final class CappedHttpClient {

    private static final int ERROR_SNIPPET_CHARS = 200;

    private final HttpClient http;
    private final Duration timeout;
    private final long maxBodyBytes;
    private final Clock clock;

    public CappedHttpClient(HttpClient http, Duration timeout, long maxBodyBytes, Clock clock) {
        this.http = http;
        this.timeout = timeout;
        this.maxBodyBytes = maxBodyBytes;
        this.clock = clock;
    }

    /**
     * The client both scrapers use: HTTP/1.1 (keep-alive, as the kubelet and Prometheus exporters speak it), no
     * redirects, connect timeout = the request deadline, callbacks on the given executor.
     */
    public static CappedHttpClient create(SSLContext tls, Duration timeout, long maxBodyBytes, Executor executor,
            Clock clock) {
        return new CappedHttpClient(HttpClient.newBuilder()
                .sslContext(tls)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build(), timeout, maxBodyBytes, clock);
    }

    public CompletionStage<KubeletResponse> get(URI uri, Map<String, String> headers) {
        Instant requestTime = clock.instant();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET();
        headers.forEach(request::header);
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
                        throw new CompletionException(FailureClassifier.classify(failure));
                    }
                    if (response.statusCode() / 100 != 2) {
                        throw new CompletionException(new ScrapeException(FailureReason.HTTP_ERROR,
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

    private static String snippet(byte[] body) {
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8).strip();
        return text.length() <= ERROR_SNIPPET_CHARS ? text : text.substring(0, ERROR_SNIPPET_CHARS) + "…";
    }
}
