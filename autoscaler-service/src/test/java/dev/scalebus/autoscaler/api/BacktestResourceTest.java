package dev.scalebus.autoscaler.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.scalebus.autoscaler.FakeHistory;
import dev.scalebus.autoscaler.FakeReviews;
import dev.scalebus.autoscaler.SimulatedClusterResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/v1/backtest} against {@link FakeHistory}: 2 pods at 80% of their cpu request for 10 minutes; a
 * candidate targeting 50% scales to 4 at once, and stays there.
 */
@QuarkusTest
@QuarkusTestResource(SimulatedClusterResource.class)
class BacktestResourceTest {

    static final String PATH = "/api/v1/backtest";
    static final String FROM = FakeHistory.T0.toString();
    static final String TO = FakeHistory.T0.plusSeconds(600).toString();
    static final String CANDIDATE = """
            {"apiVersion": "scalebus.dev/v1", "kind": "HorizontalAutoscaler", "metadata": {"name": "web"},
             "spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"},
                      "minReplicas": 1, "maxReplicas": 10, "dryRun": false,
                      "metrics": [{"type": "Resource", "resource": {"name": "cpu",
                                   "target": {"type": "Utilization", "averageUtilization": 50}}}]}}""";

    static String body(String namespace, String autoscaler, String from, String to) {
        return "{\"autoscaler\": " + autoscaler + ", \"target\": {\"namespace\": \"" + namespace
                + "\", \"kind\": \"Deployment\", \"name\": \"web\"}"
                + (from == null ? "" : ", \"from\": \"" + from + "\"") + (to == null ? "" : ", \"to\": \"" + to + "\"")
                + "}";
    }

    static RequestSpecification allowed() {
        return given().auth().oauth2(FakeReviews.SIMULATOR).contentType("application/json");
    }

    @Test
    void backtestsTheCandidateBesideTheRecordedDecisionsWithSummaries() {
        allowed().body(body(FakeHistory.NAMESPACE, CANDIDATE, FROM, TO))
                .when().post(PATH)
                .then().statusCode(200)
                .body("loadModel", containsString("conserved"))
                .body("range.from", equalTo(FROM)).body("range.to", equalTo(TO))
                .body("target.name", equalTo("web"))
                .body("candidate.timeline", hasSize(FakeHistory.SCRAPES))
                .body("candidate.timeline[0].currentReplicas", equalTo(2))
                .body("candidate.timeline[0].appliedReplicas", equalTo(4))
                .body("candidate.timeline[0].metrics[0].utilizationPercent", equalTo(80))
                .body("candidate.timeline[0].metrics[0].targetPercent", equalTo(50))
                .body("candidate.timeline[0].reasons", org.hamcrest.Matchers.hasItem("SucceededRescale"))
                .body("candidate.timeline[1]", org.hamcrest.Matchers.hasKey("appliedReplicas"))
                .body("candidate.timeline[1].appliedReplicas", nullValue())
                .body("candidate.summary.rescales", equalTo(1))
                .body("candidate.summary.maxReplicas", equalTo(4))
                .body("candidate.summary.replicaHours", equalTo(0.667f)) // 4 replicas for 10 minutes
                .body("actual.timeline", hasSize(1))
                .body("actual.timeline[0].reasons[0]", equalTo("ReadyForNewScale"))
                .body("actual.summary.replicaHours", equalTo(0.333f))
                .body("actual.summary.secondsAboveTarget.cpu", equalTo(600))
                .body("actual.summary.peakUtilizationPercent.cpu", equalTo(80))
                .body("actual.summary.rescales", equalTo(0));
        FakeHistory.Request samples = SimulatedClusterResource.history().requests().stream()
                .filter(r -> r.path().equals("/api/v1/samples/namespaces/shop/workloads/Deployment/web"))
                .reduce((a, b) -> b).orElseThrow();
        assertThat(samples.query()).containsEntry("step", "raw").containsEntry("limit", "1000");
        assertThat(samples.authorization()).isEqualTo("Bearer " + SimulatedClusterResource.HISTORY_TOKEN);
        // 80 rows in pages of 25: the continue tokens were followed
        assertThat(SimulatedClusterResource.history().requests().stream()
                .filter(r -> "75".equals(r.query().get("continue")))).isNotEmpty();
    }

    @Test
    void csvForAcceptTextCsvAndYamlBodiesAreRead() {
        String yaml = """
                autoscaler:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
                  maxReplicas: 10
                  metrics:
                  - type: Resource
                    resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}
                target: {namespace: shop, kind: Deployment, name: web}
                from: %s
                to: %s
                """.formatted(FROM, TO);
        String csv = given().auth().oauth2(FakeReviews.SIMULATOR).contentType("application/yaml")
                .accept("text/csv").body(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post(PATH)
                .then().statusCode(200).contentType(startsWith("text/csv"))
                .extract().asString();
        String[] lines = csv.split("\n");
        assertThat(lines[0]).isEqualTo("series,time,currentReplicas,desiredReplicas,appliedReplicas,"
                + "cpu_utilization,reason");
        assertThat(lines[1]).startsWith("candidate," + FROM + ",2,4,4,80,");
        assertThat(lines).hasSize(1 + FakeHistory.SCRAPES + 1);
        assertThat(lines[lines.length - 1]).startsWith("actual,");
    }

    @Test
    void badInputIs400NamingTheField() {
        allowed().body(body("shop", CANDIDATE, null, TO)).when().post(PATH)
                .then().statusCode(400).body("field", equalTo("from"));
        allowed().body(body("shop", CANDIDATE, TO, FROM)).when().post(PATH)
                .then().statusCode(400).body("field", equalTo("from"));
        allowed().body(body("shop", CANDIDATE, "2026-11-01T00:00:00Z", TO)).when().post(PATH)
                .then().statusCode(400).body("field", equalTo("from"))
                .body("message", containsString("scalebus.autoscaler.backtest.max-range"));
        allowed().body(body("shop", """
                {"maxReplicas": 5, "metrics": [{"type": "Pods", "pods": {"metric": {"name": "qps"},
                 "target": {"type": "AverageValue", "averageValue": "10"}}}]}""", FROM, TO)).when().post(PATH)
                .then().statusCode(400).body("field", equalTo("autoscaler.metrics[0]"))
                .body("message", containsString("not recorded by history"));
        allowed().body(body("nothing-here", CANDIDATE, FROM, TO)).when().post(PATH)
                .then().statusCode(400).body("field", equalTo("target"));
        allowed().body(body("refused", CANDIDATE, FROM, TO)).when().post(PATH)
                .then().statusCode(400).body("field", equalTo("from"))
                .body("message", containsString("scalebus.history.api.max-range"));
    }

    @Test
    void anonymousIsUnauthorizedAndAViewerForbidden() {
        given().contentType("application/json").body(body("shop", CANDIDATE, FROM, TO)).when().post(PATH)
                .then().statusCode(401).body("field", equalTo("Authorization"));
        given().auth().oauth2(FakeReviews.VIEWER).contentType("application/json")
                .body(body("shop", CANDIDATE, FROM, TO)).when().post(PATH)
                .then().statusCode(403)
                .body("message", containsString("cannot create on resource \"backtests\" in API group "
                        + "\"scalebus.dev\" at the cluster scope"));
    }

    @Test
    void historyDownIs503AndHistoryRefusingUsIs502() {
        allowed().body(body("down", CANDIDATE, FROM, TO)).when().post(PATH)
                .then().statusCode(503).body("field", equalTo("history"))
                .body("message", containsString("unreachable"));
        allowed().body(body("denied", CANDIDATE, FROM, TO)).when().post(PATH)
                .then().statusCode(502).body("field", equalTo("history"))
                .body("message", containsString("403"));
    }
}
