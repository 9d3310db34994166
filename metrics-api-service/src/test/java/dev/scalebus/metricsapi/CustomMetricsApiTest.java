package dev.scalebus.metricsapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.scalebus.events.Quantity;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * custom.metrics.k8s.io v1beta2/v1beta1 and external.metrics.k8s.io over HTTPS with a token with RBAC, on the paths
 * the HPA controller requests (seed 002), from CustomMetricSamples published to the real broker ({@link CustomData}).
 */
@QuarkusTest
class CustomMetricsApiTest {

    static final String CUSTOM = "/apis/custom.metrics.k8s.io/";
    static final String EXTERNAL = "/apis/external.metrics.k8s.io/v1beta1/namespaces/";
    static final String PODS = "/namespaces/" + CustomData.NS + "/pods/";

    @KubernetesTestServer
    KubernetesServer apiServer;

    @TestHTTPResource(value = "/", tls = true)
    URL https;

    @BeforeEach
    void publishAndWait() {
        ApiServerMock.install(apiServer);
        CustomData.publishOnce();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(get(CUSTOM + "v1beta2" + PODS
                + "*/http_requests").getList("items.describedObject.name")).contains("web-1", "web-2", "worker-0"));
    }

    RequestSpecification api() {
        return given().relaxedHTTPSValidation().baseUri(https.toString())
                .header("Authorization", "Bearer " + ApiServerMock.RBAC_TOKEN);
    }

    JsonPath get(String path, String... query) {
        RequestSpecification r = api();
        for (int i = 0; i < query.length; i += 2) {
            r = r.queryParam(query[i], query[i + 1]);
        }
        return r.get(path).then().statusCode(200).extract().jsonPath();
    }

    static long milli(Object quantity) {
        return Quantity.parse((String) quantity).milliValue();
    }

    @Test
    void v1beta2PodsBySelectorAreTheSeed002RatesPerPod() {
        JsonPath list = get(CUSTOM + "v1beta2" + PODS + "*/http_requests", "labelSelector", "app=web");
        assertThat(list.getString("kind")).isEqualTo("MetricValueList");
        assertThat(list.getString("apiVersion")).isEqualTo("custom.metrics.k8s.io/v1beta2");
        assertThat(list.getMap("metadata")).isEmpty();
        List<Map<String, Object>> items = list.getList("items");
        assertThat(items).hasSize(2);
        Map<String, Object> web1 = items.get(0);
        assertThat(web1.keySet()).containsExactly("describedObject", "metric", "timestamp", "windowSeconds", "value");
        assertThat(web1.get("describedObject")).isEqualTo(Map.of("kind", "Pod", "namespace", CustomData.NS, "name",
                "web-1", "apiVersion", "/v1"));
        assertThat(web1.get("metric")).isEqualTo(Map.of("name", "http_requests"));
        assertThat((String) web1.get("timestamp")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(web1.get("windowSeconds")).isEqualTo(120);
        assertThat(milli(web1.get("value"))).isCloseTo(1750L, within(1L));
        assertThat(list.getString("items[1].describedObject.name")).isEqualTo("web-2");
        assertThat(milli(list.get("items[1].value"))).isCloseTo(500L, within(1L));
    }

    @Test
    void v1beta1PodsWithoutSelectorServeEveryPodWithTheOldItemShape() {
        JsonPath list = get(CUSTOM + "v1beta1" + PODS + "*/http_requests");
        assertThat(list.getString("apiVersion")).isEqualTo("custom.metrics.k8s.io/v1beta1");
        assertThat(list.getList("items.describedObject.name")).containsExactly("web-1", "web-2", "worker-0");
        Map<String, Object> worker = list.getMap("items[2]");
        assertThat(worker.keySet()).containsExactly("describedObject", "metricName", "timestamp", "windowSeconds",
                "value");
        assertThat(worker.get("metricName")).isEqualTo("http_requests");
        assertThat(milli(worker.get("value"))).isCloseTo(4000L, within(1L));
    }

    @Test
    void theMetricLabelSelectorNarrowsTheSeriesAndIsEchoedAsALabelSelector() {
        JsonPath v2 = get(CUSTOM + "v1beta2" + PODS + "*/http_requests", "metricLabelSelector", "code=500");
        assertThat(v2.getList("items.describedObject.name")).containsExactly("web-1");
        assertThat(milli(v2.get("items[0].value"))).isCloseTo(250L, within(1L));
        assertThat(v2.getMap("items[0].metric.selector")).isEqualTo(Map.of("matchLabels", Map.of("code", "500")));
        JsonPath v1 = get(CUSTOM + "v1beta1" + PODS + "*/http_requests", "metricLabelSelector", "code=500");
        assertThat(v1.getMap("items[0].selector")).isEqualTo(Map.of("matchLabels", Map.of("code", "500")));
    }

    @Test
    void aSinglePodIsAListOfOneItem() {
        JsonPath one = get(CUSTOM + "v1beta2" + PODS + "worker-0/http_requests");
        assertThat(one.getList("items")).hasSize(1);
        assertThat(one.getString("items[0].describedObject.name")).isEqualTo("worker-0");
        assertThat(milli(one.get("items[0].value"))).isCloseTo(4000L, within(1L));
    }

    @Test
    void anObjectMetricOfAnIngressByItsGroupQualifiedResource() {
        JsonPath one = get(CUSTOM + "v1beta2/namespaces/" + CustomData.NS
                + "/ingresses.networking.k8s.io/main-route/requests-per-second");
        assertThat(one.getMap("items[0].describedObject")).isEqualTo(Map.of("kind", "Ingress", "namespace",
                CustomData.NS, "name", "main-route", "apiVersion", "networking.k8s.io/v1"));
        assertThat(milli(one.get("items[0].value"))).isCloseTo(2000L, within(1L));
    }

    @Test
    void theNamespaceObjectSumsItsPods() {
        JsonPath ns = get(CUSTOM + "v1beta2/namespaces/" + CustomData.NS + "/metrics/http_requests");
        assertThat(ns.getMap("items[0].describedObject")).isEqualTo(Map.of("kind", "Namespace", "name",
                CustomData.NS, "apiVersion", "/v1"));
        assertThat(milli(ns.get("items[0].value"))).isCloseTo(6250L, within(2L));
        // the same object by the root-scoped form /{resource}/{name}/{metric}
        JsonPath root = get(CUSTOM + "v1beta1/namespaces/" + CustomData.NS + "/http_requests");
        assertThat(root.getString("items[0].describedObject.kind")).isEqualTo("Namespace");
        assertThat(milli(root.get("items[0].value"))).isCloseTo(6250L, within(2L));
    }

    @Test
    void externalRulesNamespacedOrNot() {
        JsonPath queue = get(EXTERNAL + "anywhere/queue_messages_cnt", "labelSelector", "queue=" + CustomData.QUEUE);
        assertThat(queue.getString("kind")).isEqualTo("ExternalMetricValueList");
        assertThat(queue.getString("apiVersion")).isEqualTo("external.metrics.k8s.io/v1beta1");
        Map<String, Object> item = queue.getMap("items[0]");
        assertThat(queue.getList("items")).hasSize(1);
        assertThat(item.keySet()).containsExactly("metricName", "metricLabels", "timestamp", "value");
        assertThat(item).containsEntry("metricName", "queue_messages_cnt").containsEntry("metricLabels", Map.of())
                .containsEntry("value", "20");

        JsonPath jobs = get(EXTERNAL + CustomData.NS + "/jobs_waiting", "labelSelector", "queue=" + CustomData.QUEUE);
        assertThat(jobs.getList("items.metricLabels")).containsExactly(Map.of("queue", CustomData.QUEUE));
        assertThat(jobs.getList("items.value")).containsExactly("12");
        assertThat(get(EXTERNAL + "elsewhere/jobs_waiting", "labelSelector", "queue=" + CustomData.QUEUE)
                .getList("items")).isEmpty();
    }

    @Test
    void discoveryListsLiveMetricsPerResourceAndTheGroups() {
        JsonPath custom = get(CUSTOM + "v1beta2");
        assertThat(custom.getString("kind")).isEqualTo("APIResourceList");
        assertThat(custom.getString("groupVersion")).isEqualTo("custom.metrics.k8s.io/v1beta2");
        assertThat(custom.getList("resources", Map.class)).contains(
                Map.of("name", "pods/http_requests", "singularName", "", "namespaced", true, "kind",
                        "MetricValueList", "verbs", List.of("get")),
                Map.of("name", "namespaces/http_requests", "singularName", "", "namespaced", false, "kind",
                        "MetricValueList", "verbs", List.of("get")));
        assertThat(custom.getList("resources.name")).contains("ingresses.networking.k8s.io/requests-per-second");
        assertThat(get(CUSTOM + "v1beta1").getString("groupVersion")).isEqualTo("custom.metrics.k8s.io/v1beta1");
        assertThat(get("/apis/custom.metrics.k8s.io").getString("preferredVersion.groupVersion"))
                .isEqualTo("custom.metrics.k8s.io/v1beta2");

        JsonPath external = get("/apis/external.metrics.k8s.io/v1beta1");
        assertThat(external.getList("resources.name")).contains("queue_messages_cnt", "jobs_waiting",
                "kafka_consumergroup_lag");
        assertThat(external.getString("resources[0].kind")).isEqualTo("ExternalMetricValueList");
        assertThat(get("/apis").getList("groups.name")).containsExactly("metrics.k8s.io", "custom.metrics.k8s.io",
                "external.metrics.k8s.io");
    }

    @Test
    void errorsAreStatusObjects() {
        api().get(CUSTOM + "v1beta2" + PODS + "*/nope").then().statusCode(404).body("kind", equalTo("Status"))
                .body("reason", equalTo("NotFound")).body("code", equalTo(404))
                .body("message", equalTo("the server could not find the metric nope for pods"));
        api().get(CUSTOM + "v1beta2" + PODS + "nobody/http_requests").then().statusCode(404)
                .body("message", equalTo("the server could not find the metric http_requests for pods nobody"));
        api().get(CUSTOM + "v1beta2/namespaces/" + CustomData.NS + "/services/x/http_requests").then()
                .statusCode(404).body("message", equalTo("the server could not find the metric http_requests for "
                        + "services"));
        api().queryParam("labelSelector", "app in web").get(CUSTOM + "v1beta2" + PODS + "*/http_requests").then()
                .statusCode(400).body("reason", equalTo("BadRequest"))
                .body("message", equalTo("found 'web', expected: '('"));
        api().get(CUSTOM + "v1" + PODS + "*/http_requests").then().statusCode(404).body("reason", equalTo("NotFound"));
        api().get(EXTERNAL + "x/nope").then().statusCode(404)
                .body("message", equalTo("the server could not find the metric nope for namespaces"));
        api().get(EXTERNAL + "x/kafka_consumergroup_lag").then().statusCode(400).body("message", equalTo(
                "kafka_consumergroup_lag needs labelSelector consumergroup=<group> (and optionally topic=<topic>)"));
    }
}
