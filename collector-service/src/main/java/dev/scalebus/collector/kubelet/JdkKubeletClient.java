package dev.scalebus.collector.kubelet;

import dev.scalebus.collector.kube.NodeTarget;
import dev.scalebus.collector.scrape.FailureReason;
import dev.scalebus.collector.scrape.ScrapeException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;

/**
 * {@link KubeletClient} on the JDK HttpClient: HTTP/1.1 over TLS with pooled keep-alive connections (one client
 * for all nodes), the service-account bearer token, a per-node deadline covering connect to last byte, and a body
 * cap enforced while streaming (and up front from Content-Length): see {@link CappedHttpClient}.
 */
public final class JdkKubeletClient implements KubeletClient {

    private final CappedHttpClient http;
    private final TokenSource tokens;

    public JdkKubeletClient(SSLContext tls, TokenSource tokens, Duration timeout, long maxBodyBytes, Executor executor,
            Clock clock) {
        this.http = CappedHttpClient.create(tls, timeout, maxBodyBytes, executor, clock);
        this.tokens = tokens;
    }

    @Override
    public CompletionStage<KubeletResponse> fetch(NodeTarget target) {
        if (target.host() == null) {
            return CompletableFuture.failedFuture(new ScrapeException(FailureReason.NO_ADDRESS,
                    "node " + target.nodeName() + " has no address of a preferred type"));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", target.path().endsWith("/stats/summary") ? "application/json" : "text/plain");
        tokens.token().ifPresent(token -> headers.put("Authorization", "Bearer " + token));
        URI uri;
        try {
            uri = uri(target);
        } catch (ScrapeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return http.get(uri, headers);
    }

    /**
     * Built from its parts, never by concatenation: whatever the path holds, the request goes to the node's own
     * address and port (the path itself is vetted by {@code PathAnnotationGuard}).
     */
    static URI uri(NodeTarget target) throws ScrapeException {
        String host = target.host().startsWith("[") && target.host().endsWith("]")
                ? target.host().substring(1, target.host().length() - 1) : target.host();
        URI uri;
        try {
            uri = new URI("https", null, host, target.port(), target.path(), null, null);
        } catch (URISyntaxException e) {
            throw new ScrapeException(FailureReason.NO_ADDRESS, "node " + target.nodeName() + ": no valid URL for "
                    + target.host() + ":" + target.port() + target.path() + ": " + e.getMessage());
        }
        if (uri.getHost() == null || uri.getPort() != target.port() || uri.getRawQuery() != null) {
            throw new ScrapeException(FailureReason.NO_ADDRESS, "node " + target.nodeName() + ": " + uri
                    + " does not name the node's own address and port");
        }
        return uri;
    }
}
