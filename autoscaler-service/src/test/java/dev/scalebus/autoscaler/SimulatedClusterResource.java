package dev.scalebus.autoscaler;

import dev.scalebus.simulator.SimulatedCluster;
import dev.scalebus.simulator.SimulatorSettings;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * The module's one test environment: a cluster-simulator API server (CRUD store, discovery, the /scale subresource,
 * the aggregator proxy) with custom.metrics.k8s.io v1beta2 and external.metrics.k8s.io v1beta1 registered as
 * APIServices pointing at {@link FakeMetricsApi}, and authentication.k8s.io/v1 and authorization.k8s.io/v1 pointing
 * at {@link FakeReviews} (the simulator has no TokenReview or SubjectAccessReview), and {@link FakeHistory} as
 * history-service for backtests. Kubelets are unused (metrics arrive as Kafka events).
 */
public class SimulatedClusterResource implements QuarkusTestResourceLifecycleManager {

    /** The token in the autoscaler's service account token file, sent to history-service as Bearer. */
    public static final String HISTORY_TOKEN = "autoscaler-sa-token";

    private static volatile SimulatedCluster cluster;
    private static volatile FakeMetricsApi metricsApi;
    private static volatile FakeReviews reviews;
    private static volatile FakeHistory history;

    public static SimulatedCluster cluster() {
        return cluster;
    }

    public static FakeMetricsApi metricsApi() {
        return metricsApi;
    }

    public static FakeReviews reviews() {
        return reviews;
    }

    public static FakeHistory history() {
        return history;
    }

    @Override
    public Map<String, String> start() {
        cluster = SimulatedCluster.start(SimulatorSettings.builder()
                .nodeNamePrefix("autoscaler-test-" + UUID.randomUUID().toString().substring(0, 8))
                .nodeCount(1).podsPerNode(0).kubeletPort(0)
                .loopbackBase(SimulatorSettings.randomLoopbackBase())
                .reconcileInterval(Duration.ofMillis(200)).build());
        metricsApi = FakeMetricsApi.start();
        URI url = metricsApi.url();
        cluster.registerApiService("custom.metrics.k8s.io", "v1beta2", url, null);
        cluster.registerApiService("external.metrics.k8s.io", "v1beta1", url, null);
        reviews = FakeReviews.start();
        cluster.registerApiService("authentication.k8s.io", "v1", reviews.url(), null);
        cluster.registerApiService("authorization.k8s.io", "v1", reviews.url(), null);
        history = FakeHistory.start();
        return Map.of("quarkus.kubernetes-client.api-server-url", cluster.apiServerUrl(),
                "quarkus.kubernetes-client.trust-certs", "true",
                "quarkus.kubernetes-client.namespace", "default",
                "scalebus.autoscaler.backtest.history-url", history.url().toString(),
                "scalebus.autoscaler.backtest.history-token-file", tokenFile());
    }

    /** The service account token the autoscaler sends to history: {@link #HISTORY_TOKEN} in a temporary file. */
    private static String tokenFile() {
        try {
            java.nio.file.Path f = java.nio.file.Files.createTempFile("autoscaler-sa-token", "");
            java.nio.file.Files.writeString(f, HISTORY_TOKEN + "\n");
            f.toFile().deleteOnExit();
            return f.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (history != null) {
            history.close();
        }
        if (reviews != null) {
            reviews.close();
        }
        if (metricsApi != null) {
            metricsApi.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }
}
