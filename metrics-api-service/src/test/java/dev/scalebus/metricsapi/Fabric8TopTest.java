package dev.scalebus.metricsapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.metrics.v1beta1.ContainerMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fabric8 client's top() API, a second real client, decodes what the service serves. */
@QuarkusTest
class Fabric8TopTest {

    @KubernetesTestServer
    KubernetesServer apiServer;

    @TestHTTPResource(value = "/", tls = true)
    URL https;

    @BeforeEach
    void publish() {
        ApiServerMock.install(apiServer);
        TestData.publishOnce();
    }

    private KubernetesClient client() {
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(https.toString())
                .withOauthToken(ApiServerMock.RBAC_TOKEN).withTrustCerts(true).withDisableHostnameVerification(true)
                .withNamespace(TestData.NS).build()).build();
    }

    @Test
    void topNodesAndPodsDecodeTheServedMetrics() {
        try (KubernetesClient client = client()) {
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() ->
                    assertThat(client.top().pods().metrics(TestData.NS).getItems()).hasSize(3));

            NodeMetrics node = client.top().nodes().metrics(TestData.NODE_A);
            assertThat(node.getUsage().get("cpu").toString()).isEqualTo("329087452n");
            assertThat(node.getUsage().get("memory").toString()).isEqualTo("2748180Ki");
            // fabric8 7.5's Duration parser misreads Go's fractional "20.064s" (it yields 64s), so compare the
            // timestamp here; the window string itself is checked against Go's format in MetricsApiResourceTest
            assertThat(node.getWindow()).isNotNull();
            assertThat(node.getTimestamp()).isEqualTo(TestData.T.minusSeconds(1).toString());

            PodMetrics web1 = client.top().pods().metrics(TestData.NS, "web-1");
            assertThat(web1.getContainers()).extracting(ContainerMetrics::getName).containsExactly("app", "sidecar");
            assertThat(web1.getMetadata().getLabels()).containsEntry("tier", "front");

            assertThat(client.top().pods().inNamespace(TestData.NS).withLabels(Map.of("app", "web")).metrics()
                    .getItems()).extracting(p -> p.getMetadata().getName()).containsExactly("web-1", "web-2");
        }
    }
}
