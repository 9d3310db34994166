package dev.scalebus.simulator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import dev.scalebus.simulator.app.SimulatorLifecycle;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ControlApiTest {

    @Inject
    SimulatorLifecycle simulator;

    @Test
    void listsTheScenarioNodesWithTheirKubeletEndpoints() {
        given().when().get("/simulator/nodes")
                .then().statusCode(200).body("$", hasSize(3)).body("[0].name", equalTo("sim-node-0"))
                .body("[0].address", equalTo("127.1.0.1")).body("[0].port", greaterThan(0));
    }

    @Test
    void setsTheLoadOfADeployment() {
        given().contentType(ContentType.JSON).body("{\"requestsPerSecond\": 123.5}")
                .when().put("/simulator/deployments/yuchao/eladmin-web/load")
                .then().statusCode(200).body("requestsPerSecond", equalTo(123.5f)).body("pods", hasSize(1));
    }

    @Test
    void rejectsABadLoadBodyNamingTheField() {
        given().contentType(ContentType.JSON).body("{\"requestsPerSecond\": -1}")
                .when().put("/simulator/deployments/yuchao/eladmin-web/load")
                .then().statusCode(400).body("message", containsString("requestsPerSecond"));
    }

    @Test
    void unknownDeploymentIs404() {
        given().when().get("/simulator/deployments/nope/nothing").then().statusCode(404)
                .body("message", containsString("nope/nothing"));
    }

    @Test
    void injectsAKubeletFault() {
        given().contentType(ContentType.JSON).body("{\"behaviour\": \"HTTP_500\"}")
                .when().put("/simulator/nodes/sim-node-2/kubelet").then().statusCode(204);
        given().contentType(ContentType.JSON).body("{\"behaviour\": \"SOMETIMES\"}")
                .when().put("/simulator/nodes/sim-node-2/kubelet").then().statusCode(400)
                .body("message", containsString("behaviour"));
        given().contentType(ContentType.JSON).body("{\"behaviour\": \"NORMAL\"}")
                .when().put("/simulator/nodes/sim-node-2/kubelet").then().statusCode(204);
    }

    @Test
    void skewsTheKubeletClocks() {
        given().contentType(ContentType.JSON).body("{\"seconds\": -60}")
                .when().put("/simulator/kubelet-clock-offset").then().statusCode(200).body("seconds", is(-60));
        given().when().get("/simulator/kubelet-clock-offset").then().statusCode(200).body("seconds", is(-60));
        given().contentType(ContentType.JSON).body("{}")
                .when().put("/simulator/kubelet-clock-offset").then().statusCode(400)
                .body("message", containsString("seconds"));
        given().contentType(ContentType.JSON).body("{\"seconds\": 0}")
                .when().put("/simulator/kubelet-clock-offset").then().statusCode(200).body("seconds", is(0));
    }

    @Test
    void injectsAPodMetricsFault() throws Exception {
        String pod = given().when().get("/simulator/deployments/yuchao/eladmin-web").then().statusCode(200)
                .extract().path("pods[0]");
        // seed-ab-load.yaml: eladmin-web serves /metrics on port 8080 of its podIP
        URI url = simulator.cluster().podMetricsUrl("yuchao", pod);
        assertThat(url.toString()).startsWith("http://127.2.").endsWith(":8080/metrics");
        String path = "/simulator/pods/yuchao/" + pod + "/metrics";
        try {
            given().contentType(ContentType.JSON).body("{\"behaviour\": \"HTTP_500\"}").when().put(path)
                    .then().statusCode(204);
            assertThat(scrape(url).statusCode()).isEqualTo(500);
        } finally {
            given().contentType(ContentType.JSON).body("{\"behaviour\": \"NORMAL\"}").when().put(path)
                    .then().statusCode(204);
        }
        HttpResponse<String> normal = scrape(url);
        assertThat(normal.statusCode()).isEqualTo(200);
        assertThat(normal.body()).contains("# TYPE http_requests_total counter");
        given().contentType(ContentType.JSON).body("{\"behaviour\": \"LATER\"}").when().put(path)
                .then().statusCode(400).body("message", containsString("behaviour"));
        given().contentType(ContentType.JSON).body("{\"behaviour\": \"HTTP_500\"}")
                .when().put("/simulator/pods/yuchao/no-such-pod/metrics").then().statusCode(404)
                .body("message", containsString("yuchao/no-such-pod"));
    }

    private static HttpResponse<String> scrape(URI url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).timeout(java.time.Duration.ofSeconds(5))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void readinessReportsTheSimulatedCluster() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'simulated-cluster' }.data.nodes", equalTo(3));
    }
}
