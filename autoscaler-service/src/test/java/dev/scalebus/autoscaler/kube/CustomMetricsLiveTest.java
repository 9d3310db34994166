package dev.scalebus.autoscaler.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scalebus.autoscaler.FakeMetricsApi;
import dev.scalebus.autoscaler.SimulatedClusterResource;
import dev.scalebus.events.CustomMetricSamples;
import dev.scalebus.events.NodeScrape;
import dev.scalebus.events.PodSample;
import dev.scalebus.events.Topics;
import dev.scalebus.events.kafka.EventSerializer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The live controller on Pods, Object and External metrics read through the cluster-simulator's aggregator from a
 * stand-in metrics API server (registered as v1beta2.custom.metrics.k8s.io and v1beta1.external.metrics.k8s.io):
 * each scales Deployment web 1 → 3 on upstream's request paths; an API error is ScalingActive=False. The test
 * profile's sync period is an hour: Pods/Object autoscalers are evaluated because CustomMetricSamples of their
 * namespace arrive on the real broker, the External one because a node scrape of its namespace does.
 */
@QuarkusTest
@QuarkusTestResource(SimulatedClusterResource.class)
class CustomMetricsLiveTest {

    static final String CUSTOM = "/apis/custom.metrics.k8s.io/v1beta2";
    static final String EXTERNAL = "/apis/external.metrics.k8s.io/v1beta1";

    @Inject
    KubernetesClient client;

    FakeMetricsApi api = SimulatedClusterResource.metricsApi();
    KafkaProducer<String, Object> producer;

    @BeforeEach
    void kafka() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LiveControllerTest.BOOTSTRAP);
        producer = new KafkaProducer<>(p, new StringSerializer(), new EventSerializer());
    }

    @AfterEach
    void close() {
        producer.close(Duration.ofSeconds(5));
    }

    /** What collector-service publishes after scraping an application pod of {@code ns}. */
    void publishCustomSamples(String ns) {
        CustomMetricSamples samples = CustomMetricSamples.of(ns, "web-x", null, Instant.now(), 3, List.of());
        producer.send(new ProducerRecord<>(Topics.CUSTOM_SAMPLES, samples.key(), samples));
        producer.flush();
    }

    /** A node scrape carrying a pod of {@code ns} (no usage). */
    void publishScrape(String ns) {
        Instant now = Instant.now();
        NodeScrape scrape = NodeScrape.of("node-" + ns, now, 5, NodeScrape.SOURCE_METRICS_RESOURCE, null,
                List.of(new PodSample(ns, "web-x", null, Map.of("app", "web"), null, "Running", true, now, now,
                        false, List.of())));
        producer.send(new ProducerRecord<>(Topics.NODE_SCRAPES, scrape.nodeName(), scrape));
        producer.flush();
    }

    String namespace(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    List<String> pods(String ns) {
        return client.pods().inNamespace(ns).withLabel("app", "web").list().getItems().stream()
                .map(Pod::getMetadata).map(m -> m.getName()).toList();
    }

    int replicas(String ns) {
        return client.apps().deployments().inNamespace(ns).withName("web").get().getSpec().getReplicas();
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> conditions(String ns) {
        GenericKubernetesResource hpa = client.genericKubernetesResources(AutoscalerStore.CONTEXT).inNamespace(ns)
                .withName("web-hpa").get();
        Map<String, Object> status = (Map<String, Object>) hpa.getAdditionalProperties().get("status");
        return status == null ? List.of() : (List<Map<String, Object>>) status.get("conditions");
    }

    static String item(String ns, String kind, String apiVersion, String name, String metric, String value) {
        return "{\"describedObject\":{\"kind\":\"" + kind + "\",\"namespace\":\"" + ns + "\",\"name\":\"" + name
                + "\",\"apiVersion\":\"" + apiVersion + "\"},\"metric\":{\"name\":\"" + metric + "\"},\"timestamp\":\""
                + Instant.now().toString() + "\",\"windowSeconds\":60,\"value\":\"" + value + "\"}";
    }

    static String list(String items) {
        return "{\"kind\":\"MetricValueList\",\"apiVersion\":\"custom.metrics.k8s.io/v1beta2\",\"metadata\":{},"
                + "\"items\":[" + items + "]}";
    }

    @Test
    void podsMetricAverageValueScalesUp() {
        String ns = namespace("pods");
        LiveControllerTest.createDeployment(client, ns);
        await().atMost(Duration.ofSeconds(30)).until(() -> pods(ns).size() == 1);
        String pod = pods(ns).get(0);
        api.answer(CUSTOM + "/namespaces/" + ns + "/pods/*/http_requests", 200,
                list(item(ns, "Pod", "v1", pod, "http_requests", "1500m")));
        // 1.5 per pod against 500m: 3 pods
        LiveControllerTest.createAutoscaler(client, ns, false, List.of(Map.of("type", "Pods", "pods", Map.of(
                "metric", Map.of("name", "http_requests", "selector", Map.of("matchLabels", Map.of("verb", "GET"))),
                "target", Map.of("type", "AverageValue", "averageValue", "500m")))));

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            publishCustomSamples(ns);
            assertThat(replicas(ns)).isEqualTo(3);
        });
        assertThat(api.requests()).contains(CUSTOM + "/namespaces/" + ns
                + "/pods/*/http_requests?labelSelector=app%3Dweb&metricLabelSelector=verb%3DGET");
    }

    @Test
    void objectMetricValueScalesUp() {
        String ns = namespace("object");
        LiveControllerTest.createDeployment(client, ns);
        api.answer(CUSTOM + "/namespaces/" + ns + "/deployments.apps/web/requests_per_second", 200,
                list(item(ns, "Deployment", "apps/v1", "web", "requests_per_second", "25")));
        // 25 against a value of 10 with one ready pod: ceil(2.5) = 3
        LiveControllerTest.createAutoscaler(client, ns, false, List.of(Map.of("type", "Object", "object", Map.of(
                "describedObject", Map.of("apiVersion", "apps/v1", "kind", "Deployment", "name", "web"),
                "metric", Map.of("name", "requests_per_second"),
                "target", Map.of("type", "Value", "value", "10")))));

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            publishCustomSamples(ns);
            assertThat(replicas(ns)).isEqualTo(3);
        });
        assertThat(api.requests()).contains(CUSTOM + "/namespaces/" + ns + "/deployments.apps/web/requests_per_second");
    }

    @Test
    void externalMetricAverageValueScalesUp() {
        String ns = namespace("external");
        LiveControllerTest.createDeployment(client, ns);
        api.answer(EXTERNAL + "/namespaces/" + ns + "/queue_depth", 200,
                "{\"kind\":\"ExternalMetricValueList\",\"apiVersion\":\"external.metrics.k8s.io/v1beta1\","
                        + "\"metadata\":{},\"items\":[{\"metricName\":\"queue_depth\",\"metricLabels\":{\"queue\":"
                        + "\"jobs\"},\"timestamp\":\"" + Instant.now() + "\",\"value\":\"9\"},{\"metricName\":"
                        + "\"queue_depth\",\"metricLabels\":{\"queue\":\"jobs\"},\"timestamp\":\"" + Instant.now()
                        + "\",\"value\":\"6\"}]}");
        // 9 + 6 = 15 against an average of 5 per replica: 3
        LiveControllerTest.createAutoscaler(client, ns, false, List.of(Map.of("type", "External", "external", Map.of(
                "metric", Map.of("name", "queue_depth", "selector", Map.of("matchLabels", Map.of("queue", "jobs"))),
                "target", Map.of("type", "AverageValue", "averageValue", "5")))));

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            publishScrape(ns);
            assertThat(replicas(ns)).isEqualTo(3);
        });
        assertThat(api.requests()).contains(EXTERNAL + "/namespaces/" + ns + "/queue_depth?labelSelector=queue%3Djobs");
    }

    @Test
    void anApiErrorIsScalingActiveFalseWithTheUpstreamReason() {
        String ns = namespace("failing");
        LiveControllerTest.createDeployment(client, ns);
        api.answer(CUSTOM + "/namespaces/" + ns + "/pods/*/http_requests", 500,
                "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"adapter backend "
                        + "down\",\"reason\":\"InternalError\",\"code\":500}");
        LiveControllerTest.createAutoscaler(client, ns, false, List.of(Map.of("type", "Pods", "pods", Map.of(
                "metric", Map.of("name", "http_requests"),
                "target", Map.of("type", "AverageValue", "averageValue", "500m")))));

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            publishCustomSamples(ns);
            assertThat(conditions(ns)).anySatisfy(c -> {
            assertThat(c).containsEntry("type", "ScalingActive").containsEntry("status", "False")
                    .containsEntry("reason", "FailedGetPodsMetric");
            assertThat((String) c.get("message")).isEqualTo("the HPA was unable to compute the replica count: "
                    + "unable to get metric http_requests: unable to fetch metrics from custom metrics API: "
                    + "adapter backend down");
            });
        });
        assertThat(replicas(ns)).isEqualTo(1);
        assertThat(client.v1().events().inNamespace(ns).list().getItems().stream().map(e -> e.getReason())
                .collect(Collectors.toSet())).contains("FailedGetPodsMetric");
    }
}
