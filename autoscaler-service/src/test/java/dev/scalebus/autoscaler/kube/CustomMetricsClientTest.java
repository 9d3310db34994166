package dev.scalebus.autoscaler.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebus.autoscaler.FakeMetricsApi;
import dev.scalebus.autoscaler.SimulatedClusterResource;
import dev.scalebus.autoscaler.hpa.HpaSpec;
import dev.scalebus.autoscaler.hpa.MetricReads;
import dev.scalebus.autoscaler.hpa.MetricSpec;
import dev.scalebus.events.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@link KubeCustomMetricsClient} through the simulator's aggregator: request paths per metric source, the
 * custom metrics version chosen by discovery (v1beta1 when v1beta2 is not served), and upstream's error texts.
 */
@QuarkusTest
@QuarkusTestResource(SimulatedClusterResource.class)
class CustomMetricsClientTest {

    static final String T = "2026-11-22T03:00:00Z";

    @Inject
    KubeCustomMetricsClient metrics;

    @Inject
    ApiDiscovery discovery;

    @Inject
    KubernetesClient client;

    FakeMetricsApi api = SimulatedClusterResource.metricsApi();
    String ns = "cm-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void podsMetricFallsBackToV1beta1WhenOnlyThatVersionIsServed() {
        var apiServices = client.genericKubernetesResources("apiregistration.k8s.io/v1", "APIService");
        apiServices.withName("v1beta2.custom.metrics.k8s.io").delete();
        SimulatedClusterResource.cluster().registerApiService("custom.metrics.k8s.io", "v1beta1", api.url(), null);
        discovery.reset();
        try {
            api.answer("/apis/custom.metrics.k8s.io/v1beta1/namespaces/" + ns + "/pods/*/qps", 200,
                    "{\"kind\":\"MetricValueList\",\"apiVersion\":\"custom.metrics.k8s.io/v1beta1\",\"metadata\":{},"
                            + "\"items\":[{\"describedObject\":{\"kind\":\"Pod\",\"namespace\":\"" + ns + "\",\"name\":"
                            + "\"web-0\",\"apiVersion\":\"/v1\"},\"metricName\":\"qps\",\"timestamp\":\"" + T + "\","
                            + "\"value\":\"20\"},{\"describedObject\":{\"kind\":\"Pod\",\"namespace\":\"" + ns
                            + "\",\"name\":\"web-1\",\"apiVersion\":\"/v1\"},\"metricName\":\"qps\",\"timestamp\":\""
                            + T + "\",\"value\":\"1500m\"}]}");

            MetricReads.PodsRead read = metrics.podsMetric(ns, "qps", "app=web", null);

            assertThat(read.error()).isNull();
            assertThat(read.values()).isEqualTo(Map.of("web-0", Quantity.parse("20"), "web-1",
                    Quantity.parse("1500m")));
            assertThat(read.timestamp()).isEqualTo(Instant.parse(T));
            assertThat(api.requests()).contains("/apis/custom.metrics.k8s.io/v1beta1/namespaces/" + ns
                    + "/pods/*/qps?labelSelector=app%3Dweb");
        } finally {
            apiServices.withName("v1beta1.custom.metrics.k8s.io").delete();
            SimulatedClusterResource.cluster().registerApiService("custom.metrics.k8s.io", "v1beta2", api.url(),
                    null);
            discovery.reset();
        }
    }

    @Test
    void aNamespaceObjectIsReadAtTheRootScopedPathOfTheAutoscalersNamespace() {
        api.answer("/apis/custom.metrics.k8s.io/v1beta2/namespaces/" + ns + "/metrics/backlog", 200,
                "{\"kind\":\"MetricValueList\",\"items\":[{\"describedObject\":{\"kind\":\"Namespace\",\"name\":\""
                        + ns + "\",\"apiVersion\":\"/v1\"},\"metric\":{\"name\":\"backlog\"},\"timestamp\":\"" + T
                        + "\",\"value\":\"7\"}]}");

        MetricReads.ValueRead read = metrics.objectMetric(ns, "backlog",
                new HpaSpec.TargetRef("v1", "Namespace", "elsewhere"), null);

        assertThat(read.error()).isNull();
        assertThat(read.value()).isEqualTo(Quantity.parse("7"));
    }

    @Test
    void anObjectAnswerWithTwoItemsOrAnUnknownKindIsAnError() {
        api.answer("/apis/custom.metrics.k8s.io/v1beta2/namespaces/" + ns + "/services/web/qps", 200,
                "{\"kind\":\"MetricValueList\",\"items\":[{\"value\":\"1\"},{\"value\":\"2\"}]}");

        assertThat(metrics.objectMetric(ns, "qps", new HpaSpec.TargetRef("v1", "Service", "web"), null).error())
                .isEqualTo("unable to fetch metrics from custom metrics API: the custom metrics API server returned 2 "
                        + "results when we asked for exactly one");
        assertThat(metrics.objectMetric(ns, "qps", new HpaSpec.TargetRef("example.com/v1", "Widget", "w"), null)
                .error()).isEqualTo("unable to fetch metrics from custom metrics API: unable to map kind "
                        + "Widget.example.com to resource: no matches for kind \"Widget\" in group \"example.com\"");
    }

    @Test
    void externalSelectorIsRenderedAsUpstreamAndAMissingMetricIsTheApisError() {
        MetricSpec.LabelSelector selector = new MetricSpec.LabelSelector(Map.of("queue", "jobs"), List.of(
                new MetricSpec.LabelSelector.Requirement("env", "In", List.of("staging", "prod")),
                new MetricSpec.LabelSelector.Requirement("canary", "DoesNotExist", null)));

        MetricReads.SeriesRead read = metrics.externalMetric(ns, "lag", selector);

        assertThat(read.error()).isEqualTo("unable to fetch metrics from external metrics API: the server could not "
                + "find the metric");
        assertThat(api.requests()).contains("/apis/external.metrics.k8s.io/v1beta1/namespaces/" + ns
                + "/lag?labelSelector=%21canary%2Cenv+in+%28prod%2Cstaging%29%2Cqueue%3Djobs");
    }
}
