package dev.scalebus.metricsapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.quarkus.test.common.http.TestHTTPResource;
import jakarta.inject.Inject;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every path, selector form and output form of metrics.k8s.io/v1beta1, over HTTPS with a token with RBAC. */
@QuarkusTest
class MetricsApiResourceTest {

    static final String V1BETA1 = "/apis/metrics.k8s.io/v1beta1";

    @KubernetesTestServer
    KubernetesServer apiServer;

    @TestHTTPResource(value = "/", tls = true)
    URL https;

    @Inject
    KubernetesClient kubernetes;

    @BeforeEach
    void publishAndWait() {
        ApiServerMock.install(apiServer);
        TestData.publishOnce();
        // node labels come from the apiserver (the node informer), as metrics-server's
        kubernetes.nodes().resource(new NodeBuilder().withNewMetadata().withName(TestData.NODE_A)
                .addToLabels("kubernetes.io/hostname", TestData.NODE_A)
                .addToLabels("node-role.kubernetes.io/control-plane", "").endMetadata().build())
                .createOr(NonDeletingOperation::update);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            api().get(V1BETA1 + "/namespaces/" + TestData.NS + "/pods/web-2").then().statusCode(200);
            api().get(V1BETA1 + "/nodes/" + TestData.NODE_B).then().statusCode(200);
            api().get(V1BETA1 + "/namespaces/" + TestData.NS + "/pods/db-0").then().statusCode(200);
            api().get(V1BETA1 + "/nodes/" + TestData.NODE_A).then().statusCode(200)
                    .body("metadata.labels.'kubernetes.io/hostname'", equalTo(TestData.NODE_A));
        });
    }

    RequestSpecification api() {
        return given().relaxedHTTPSValidation().baseUri(https.toString())
                .header("Authorization", "Bearer " + ApiServerMock.RBAC_TOKEN);
    }

    private List<String> podNames(String path, String labelSelector, String fieldSelector) {
        RequestSpecification r = api();
        if (labelSelector != null) {
            r = r.queryParam("labelSelector", labelSelector);
        }
        if (fieldSelector != null) {
            r = r.queryParam("fieldSelector", fieldSelector);
        }
        JsonPath json = r.get(path).then().statusCode(200).extract().jsonPath();
        List<String> ns = json.getList("items.metadata.namespace");
        List<String> names = json.getList("items.metadata.name");
        return java.util.stream.IntStream.range(0, names.size())
                // only this class's namespaces: other test classes of the run add namespaces with the same prefix
                .filter(i -> ns.get(i).equals(TestData.NS) || ns.get(i).equals(TestData.NS_OTHER))
                .mapToObj(i -> ns.get(i).equals(TestData.NS) ? names.get(i) : ns.get(i) + "/" + names.get(i))
                .toList();
    }

    @Test
    void nodeMetricsHasMetricsServerShape() {
        JsonPath node = api().get(V1BETA1 + "/nodes/" + TestData.NODE_A).then().statusCode(200)
                .contentType("application/json").extract().jsonPath();
        assertThat(node.getString("kind")).isEqualTo("NodeMetrics");
        assertThat(node.getString("apiVersion")).isEqualTo("metrics.k8s.io/v1beta1");
        assertThat(node.getString("metadata.name")).isEqualTo(TestData.NODE_A);
        assertThat(node.getMap("metadata.labels")).isEqualTo(Map.of("kubernetes.io/hostname", TestData.NODE_A,
                "node-role.kubernetes.io/control-plane", ""));
        assertThat(Instant.parse(node.getString("metadata.creationTimestamp")))
                .isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
        assertThat(node.getString("timestamp")).isEqualTo(TestData.T.minusSeconds(1).toString());
        assertThat(node.getString("window")).isEqualTo("20.064s");
        assertThat(node.getMap("usage")).isEqualTo(Map.of("cpu", "329087452n", "memory", "2748180Ki"));
        assertThat(api().get(V1BETA1 + "/nodes/" + TestData.NODE_B).jsonPath().getMap("usage"))
                .isEqualTo(Map.of("cpu", "5m", "memory", "1025"));
    }

    @Test
    void nodeListIsSortedAndFilteredByFieldAndLabelSelectors() {
        JsonPath list = api().get(V1BETA1 + "/nodes").then().statusCode(200).extract().jsonPath();
        assertThat(list.getString("kind")).isEqualTo("NodeMetricsList");
        assertThat(list.getMap("metadata")).isEmpty();
        List<String> names = list.getList("items.metadata.name");
        assertThat(names).isSorted().contains(TestData.NODE_A, TestData.NODE_B);

        assertThat(api().queryParam("fieldSelector", "metadata.name=" + TestData.NODE_A).get(V1BETA1 + "/nodes")
                .jsonPath().getList("items.metadata.name")).containsExactly(TestData.NODE_A);
        assertThat(api().queryParam("fieldSelector", "metadata.name!=" + TestData.NODE_A).get(V1BETA1 + "/nodes")
                .jsonPath().getList("items.metadata.name", String.class)).contains(TestData.NODE_B)
                .doesNotContain(TestData.NODE_A);
        assertThat(api().queryParam("labelSelector", "kubernetes.io/hostname=" + TestData.NODE_A)
                .get(V1BETA1 + "/nodes").jsonPath().getList("items.metadata.name")).containsExactly(TestData.NODE_A);
        assertThat(api().queryParam("labelSelector", "!node-role.kubernetes.io/control-plane")
                .get(V1BETA1 + "/nodes").jsonPath().getList("items.metadata.name", String.class))
                .contains(TestData.NODE_B).doesNotContain(TestData.NODE_A);
    }

    @Test
    void podMetricsCarriesLabelsContainersAndTheEarliestContainerTimestamp() {
        JsonPath pod = api().get(V1BETA1 + "/namespaces/" + TestData.NS + "/pods/web-1").then().statusCode(200)
                .extract().jsonPath();
        assertThat(pod.getString("kind")).isEqualTo("PodMetrics");
        assertThat(pod.getString("metadata.namespace")).isEqualTo(TestData.NS);
        assertThat(pod.getMap("metadata.labels")).isEqualTo(Map.of("app", "web", "tier", "front"));
        assertThat(pod.getString("timestamp")).isEqualTo(TestData.T.minusSeconds(3).toString());
        assertThat(pod.getString("window")).isEqualTo("14.5s");
        assertThat(pod.getList("containers")).isEqualTo(List.of(
                Map.of("name", "app", "usage", Map.of("cpu", "1938555n", "memory", "1005736Ki")),
                Map.of("name", "sidecar", "usage", Map.of("cpu", "704595n", "memory", "24716Ki"))));
        assertThat(api().get(V1BETA1 + "/namespaces/" + TestData.NS_OTHER + "/pods/other-0").jsonPath()
                .getString("window")).isEqualTo("1m0.996s");
    }

    @Test
    void podListsAreSortedByNamespaceAndNameAndWithholdPodsWithoutRates() {
        assertThat(podNames(V1BETA1 + "/namespaces/" + TestData.NS + "/pods", null, null))
                .containsExactly("db-0", "web-1", "web-2");
        assertThat(podNames(V1BETA1 + "/pods", null, null))
                .containsExactly("db-0", "web-1", "web-2", TestData.NS_OTHER + "/other-0");
        assertThat(api().get(V1BETA1 + "/namespaces/" + TestData.NS + "/pods").jsonPath().getString("kind"))
                .isEqualTo("PodMetricsList");
    }

    @Test
    void everyLabelSelectorForm() {
        String pods = V1BETA1 + "/namespaces/" + TestData.NS + "/pods";
        assertThat(podNames(pods, "app=web", null)).containsExactly("web-1", "web-2");
        assertThat(podNames(pods, "app==db", null)).containsExactly("db-0");
        assertThat(podNames(pods, "app!=web", null)).containsExactly("db-0");
        assertThat(podNames(pods, "app in (db,cache)", null)).containsExactly("db-0");
        assertThat(podNames(pods, "app notin (db)", null)).containsExactly("web-1", "web-2");
        assertThat(podNames(pods, "tier", null)).containsExactly("web-1");
        assertThat(podNames(pods, "!tier", null)).containsExactly("db-0", "web-2");
        assertThat(podNames(pods, "app=web,!tier", null)).containsExactly("web-2");
        assertThat(podNames(V1BETA1 + "/pods", "app=web", null))
                .containsExactly("web-1", "web-2", TestData.NS_OTHER + "/other-0");
    }

    @Test
    void everyFieldSelectorForm() {
        assertThat(podNames(V1BETA1 + "/pods", null, "metadata.name=web-1")).containsExactly("web-1");
        assertThat(podNames(V1BETA1 + "/pods", null, "metadata.namespace==" + TestData.NS_OTHER))
                .containsExactly(TestData.NS_OTHER + "/other-0");
        assertThat(podNames(V1BETA1 + "/namespaces/" + TestData.NS + "/pods", "app=web", "metadata.name!=web-1"))
                .containsExactly("web-2");
    }

    @Test
    void unknownObjectsAre404StatusAsMetricsServer() {
        api().get(V1BETA1 + "/namespaces/" + TestData.NS + "/pods/nope").then().statusCode(404)
                .body("kind", equalTo("Status")).body("apiVersion", equalTo("v1"))
                .body("status", equalTo("Failure")).body("reason", equalTo("NotFound")).body("code", equalTo(404))
                .body("message", equalTo("podmetrics.metrics.k8s.io \"" + TestData.NS + "/nope\" not found"))
                .body("details.name", equalTo(TestData.NS + "/nope"))
                .body("details.group", equalTo("metrics.k8s.io")).body("details.kind", equalTo("podmetrics"));
        api().get(V1BETA1 + "/namespaces/" + TestData.NS + "/pods/init-0").then().statusCode(404)
                .body("reason", equalTo("NotFound"));
        api().get(V1BETA1 + "/nodes/nope-" + TestData.ID).then().statusCode(404)
                .body("message", equalTo("nodemetrics.metrics.k8s.io \"nope-" + TestData.ID + "\" not found"));
        api().get("/apis/metrics.k8s.io/v1/nodes").then().statusCode(404).body("kind", equalTo("Status"));
    }

    @Test
    void badSelectorsAre400Status() {
        api().queryParam("labelSelector", "app in web").get(V1BETA1 + "/pods").then().statusCode(400)
                .body("kind", equalTo("Status")).body("reason", equalTo("BadRequest"))
                .body("message", equalTo("found 'web', expected: '('")).body("code", equalTo(400));
        api().queryParam("fieldSelector", "spec.nodeName=x").get(V1BETA1 + "/nodes").then().statusCode(400)
                .body("message", equalTo("\"spec.nodeName\" is not a known field selector: only "
                        + "\"metadata.name\", \"metadata.namespace\""));
    }

    @Test
    void tableOutputHasMetricsServerColumnsAndSumsContainers() {
        JsonPath table = api().accept("application/json;as=Table;v=v1;g=meta.k8s.io,application/json")
                .queryParam("fieldSelector", "metadata.name=web-1")
                .get(V1BETA1 + "/namespaces/" + TestData.NS + "/pods").then().statusCode(200).extract().jsonPath();
        assertThat(table.getString("kind")).isEqualTo("Table");
        assertThat(table.getString("apiVersion")).isEqualTo("meta.k8s.io/v1");
        assertThat(table.getList("columnDefinitions.name")).containsExactly("Name", "cpu", "memory", "Window");
        assertThat(table.getList("columnDefinitions.format")).containsExactly("name", "quantity", "quantity",
                "duration");
        assertThat(table.getList("rows[0].cells")).containsExactly("web-1", "2643150n", "1030452Ki", "14.5s");
        assertThat(table.getString("rows[0].object.metadata.name")).isEqualTo("web-1");

        JsonPath node = api().accept("application/json;as=Table;v=v1;g=meta.k8s.io")
                .get(V1BETA1 + "/nodes/" + TestData.NODE_A).then().statusCode(200).extract().jsonPath();
        assertThat(node.getList("rows[0].cells")).containsExactly(TestData.NODE_A, "329087452n", "2748180Ki",
                "20.064s");
    }

    @Test
    void kubectlsProtobufFirstAcceptGetsProtobufAndJsonOnlyClientsGetJson() {
        byte[] body = api().accept("application/vnd.kubernetes.protobuf,application/json").get(V1BETA1 + "/nodes")
                .then().statusCode(200).contentType("application/vnd.kubernetes.protobuf").extract().asByteArray();
        assertThat(java.util.Arrays.copyOf(body, 4)).isEqualTo(new byte[] {'k', '8', 's', 0});
        assertThat(new String(body, java.nio.charset.StandardCharsets.ISO_8859_1)).contains("NodeMetricsList")
                .contains(TestData.NODE_A).contains("329087452n");
        api().accept("application/json").get(V1BETA1 + "/nodes").then().statusCode(200)
                .contentType("application/json").body("kind", equalTo("NodeMetricsList"));
        api().accept("application/vnd.kubernetes.protobuf;as=Table;v=v1;g=meta.k8s.io,"
                + "application/json;as=Table;v=v1;g=meta.k8s.io").get(V1BETA1 + "/nodes").then().statusCode(200)
                .body("kind", equalTo("Table"));
        api().accept("application/yaml").get(V1BETA1 + "/nodes").then().statusCode(406)
                .body("reason", equalTo("NotAcceptable"));
    }

    @Test
    void discoveryDocumentsAsMetricsServer() {
        api().get("/apis").then().statusCode(200).body("kind", equalTo("APIGroupList"))
                .body("groups[0].name", equalTo("metrics.k8s.io"))
                .body("groups[0].preferredVersion.groupVersion", equalTo("metrics.k8s.io/v1beta1"));
        api().get("/apis/metrics.k8s.io").then().statusCode(200).body("kind", equalTo("APIGroup"))
                .body("versions[0].version", equalTo("v1beta1"));
        JsonPath resources = api().get(V1BETA1).then().statusCode(200).extract().jsonPath();
        assertThat(resources.getString("kind")).isEqualTo("APIResourceList");
        assertThat(resources.getString("groupVersion")).isEqualTo("metrics.k8s.io/v1beta1");
        assertThat(resources.getList("resources")).isEqualTo(List.of(
                Map.of("name", "nodes", "singularName", "", "namespaced", false, "kind", "NodeMetrics",
                        "verbs", List.of("get", "list")),
                Map.of("name", "pods", "singularName", "", "namespaced", true, "kind", "PodMetrics",
                        "verbs", List.of("get", "list"))));
        api().get("/api").then().statusCode(200).body("kind", equalTo("APIVersions"));
        JsonPath openApi = api().get("/openapi/v2").then().statusCode(200).extract().jsonPath();
        assertThat(openApi.getString("swagger")).isEqualTo("2.0");
        assertThat(openApi.getMap("paths")).containsKeys(V1BETA1 + "/nodes", V1BETA1 + "/nodes/{name}",
                V1BETA1 + "/pods", V1BETA1 + "/namespaces/{namespace}/pods",
                V1BETA1 + "/namespaces/{namespace}/pods/{name}");
        assertThat(openApi.getString("definitions.'io.k8s.metrics.pkg.apis.metrics.v1beta1.PodMetrics'"
                + ".x-kubernetes-group-version-kind[0].kind")).isEqualTo("PodMetrics");
    }

    @Test
    void probesAnswerWithoutCredentials() {
        for (String probe : List.of("/livez", "/readyz", "/healthz")) {
            given().relaxedHTTPSValidation().baseUri(https.toString()).get(probe).then().statusCode(200)
                    .body(equalTo("ok"));
        }
        given().baseUri(TestData.MANAGEMENT).get("/q/health/live").then().statusCode(200)
                .body("status", equalTo("UP"));
        given().baseUri(TestData.MANAGEMENT).get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"));
    }

    @Test
    void healthAndMetricsAreOnTheManagementPortOnlyAndNothingUnderQAnswersAnonymouslyOnTheApiPort() {
        given().baseUri(TestData.MANAGEMENT).get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("scalebus_metrics_api_window_nodes"));
        for (String path : List.of("/q/health", "/q/health/live", "/q/metrics", "/q/openapi", "/q/dev-ui")) {
            for (String token : java.util.Arrays.asList(null, ApiServerMock.RBAC_TOKEN)) {
                RequestSpecification r = given().relaxedHTTPSValidation().baseUri(https.toString());
                if (token != null) {
                    r = r.header("Authorization", "Bearer " + token);
                }
                r.get(path).then().statusCode(404).body(org.hamcrest.Matchers.not(
                        org.hamcrest.Matchers.containsString("UP")));
            }
        }
    }
}
