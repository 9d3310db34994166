package dev.scalebus.collector.custom;

import dev.scalebus.collector.kube.AppPodTarget;
import dev.scalebus.collector.kubelet.CappedHttpClient;
import dev.scalebus.collector.kubelet.KubeletResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;

/**
 * {@link AppMetricsClient} on one JDK HttpClient for all pods (HTTP/1.1, pooled keep-alive connections, no
 * redirects), with the per-pod deadline and body cap of {@link CappedHttpClient}. Like Prometheus' example
 * kubernetes-pods job it sends no credentials (the collector's service-account token must not reach applications)
 * and verifies https pods against the JVM trust store. It asks for the text format 0.0.4 and sends Prometheus'
 * {@code X-Prometheus-Scrape-Timeout-Seconds} so an exporter can bound its own work.
 */
public final class JdkAppMetricsClient implements AppMetricsClient {

    static final String ACCEPT = "text/plain;version=0.0.4;q=1,*/*;q=0.1";

    private final CappedHttpClient http;
    private final Map<String, String> headers;

    public JdkAppMetricsClient(SSLContext tls, Duration timeout, long maxBodyBytes, Executor executor, Clock clock) {
        this.http = CappedHttpClient.create(tls, timeout, maxBodyBytes, executor, clock);
        this.headers = Map.of("Accept", ACCEPT, "User-Agent", "scalebus-collector",
                "X-Prometheus-Scrape-Timeout-Seconds", String.format(Locale.ROOT, "%.3f", timeout.toMillis() / 1000.0));
    }

    @Override
    public CompletionStage<KubeletResponse> fetch(AppPodTarget target) {
        return http.get(target.uri(), headers);
    }
}
