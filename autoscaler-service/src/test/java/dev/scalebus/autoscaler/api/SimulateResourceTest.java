package dev.scalebus.autoscaler.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import dev.scalebus.autoscaler.FakeReviews;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

@QuarkusTest
@io.quarkus.test.common.QuarkusTestResource(dev.scalebus.autoscaler.SimulatedClusterResource.class)
class SimulateResourceTest {

    // upstream TestScaleUp as a what-if request: 3 pods at 30/50/70% of 1 cpu, target 30%
    static final String SCALE_UP = """
            {
              "spec": {
                "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"},
                "minReplicas": 2, "maxReplicas": 6,
                "metrics": [{"type": "Resource", "resource": {"name": "cpu",
                             "target": {"type": "Utilization", "averageUtilization": 30}}}]
              },
              "scale": {"specReplicas": 3, "selector": "app=web"},
              "pods": [
                {"name": "web-0", "labels": {"app": "web"}, "containers": [{"name": "c", "requests": {"cpu": "1"}}]},
                {"name": "web-1", "labels": {"app": "web"}, "containers": [{"name": "c", "requests": {"cpu": "1"}}]},
                {"name": "web-2", "labels": {"app": "web"}, "containers": [{"name": "c", "requests": {"cpu": "1"}}]}
              ],
              "history": {},
              "start": "2026-11-22T01:00:00Z",
              "steps": [{"metrics": {"resource": {"pods": [
                {"pod": "web-0", "containers": [{"name": "c", "usage": {"cpu": "300m"}}]},
                {"pod": "web-1", "containers": [{"name": "c", "usage": {"cpu": "500m"}}]},
                {"pod": "web-2", "containers": [{"name": "c", "usage": {"cpu": "700m"}}]}
              ]}}}]
            }
            """;

    /** Upstream's custom-metric scale-ups (3 ready pods, spec and status replicas 3) for one metric and its values. */
    static String customMetricRequest(String metric, String values) {
        return """
                {
                  "spec": {
                    "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"},
                    "minReplicas": 2, "maxReplicas": 6, "metrics": [%s]
                  },
                  "scale": {"specReplicas": 3, "statusReplicas": 3, "selector": "app=web"},
                  "pods": [
                    {"name": "web-0", "labels": {"app": "web"}, "containers": [{"name": "c"}]},
                    {"name": "web-1", "labels": {"app": "web"}, "containers": [{"name": "c"}]},
                    {"name": "web-2", "labels": {"app": "web"}, "containers": [{"name": "c"}]}
                  ],
                  "history": {},
                  "start": "2026-11-22T01:00:00Z",
                  "steps": [{"metrics": %s}]
                }
                """.formatted(metric, values);
    }

    @Test
    void podsMetricLikeUpstreamTestScaleUpCM() {
        given().auth().oauth2(FakeReviews.SIMULATOR).contentType("application/json").body(customMetricRequest("""
                {"type": "Pods", "pods": {"metric": {"name": "qps"},
                 "target": {"type": "AverageValue", "averageValue": "15"}}}""", """
                {"pods": {"qps": {"values": {"web-0": "20", "web-1": "10", "web-2": "30"}}}}"""))
                .when().post("/api/v1/simulate")
                .then().statusCode(200)
                .body("steps[0].desiredReplicas", equalTo(4))
                .body("steps[0].metrics[0].current.averageValue", equalTo("20"))
                .body("steps[0].rescaleReason", equalTo("pods metric qps above target"));
    }

    @Test
    void objectMetricLikeUpstreamTestScaleUpCMObject() {
        given().auth().oauth2(FakeReviews.SIMULATOR).contentType("application/json").body(customMetricRequest("""
                {"type": "Object", "object": {"metric": {"name": "qps"},
                 "describedObject": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"},
                 "target": {"type": "Value", "value": "15"}}}""", """
                {"object": {"qps": {"value": "20"}}}"""))
                .when().post("/api/v1/simulate")
                .then().statusCode(200)
                .body("steps[0].desiredReplicas", equalTo(4))
                .body("steps[0].metrics[0].current.value", equalTo("20"))
                .body("steps[0].rescaleReason", equalTo("Deployment metric qps above target"));
    }

    @Test
    void externalMetricLikeUpstreamTestScaleUpPerPodCMExternal() {
        given().auth().oauth2(FakeReviews.SIMULATOR).contentType("application/json").body(customMetricRequest("""
                {"type": "External", "external": {"metric": {"name": "qps",
                 "selector": {"matchLabels": {"label": "value"}}},
                 "target": {"type": "AverageValue", "averageValue": "2222m"}}}""", """
                {"external": {"qps": {"values": ["8600m"]}}}"""))
                .when().post("/api/v1/simulate")
                .then().statusCode(200)
                .body("steps[0].desiredReplicas", equalTo(4))
                .body("steps[0].metrics[0].current.averageValue", equalTo("2867m"));
    }

    @Test
    void aFailedCustomMetricReadIsScalingActiveFalse() {
        given().auth().oauth2(FakeReviews.SIMULATOR).contentType("application/json").body(customMetricRequest("""
                {"type": "Pods", "pods": {"metric": {"name": "qps"},
                 "target": {"type": "AverageValue", "averageValue": "15"}}}""", """
                {"pods": {"qps": {"error": "adapter down"}}}"""))
                .when().post("/api/v1/simulate")
                .then().statusCode(200)
                .body("steps[0].scaled", equalTo(false))
                .body("steps[0].desiredReplicas", equalTo(3))
                .body("steps[0].conditions.find { it.type == 'ScalingActive' }.reason", equalTo("FailedGetPodsMetric"))
                .body("steps[0].conditions.find { it.type == 'ScalingActive' }.message", equalTo(
                        "the HPA was unable to compute the replica count: unable to get metric qps: unable to fetch "
                                + "metrics from custom metrics API: adapter down"));
    }

    @Test
    void scalesUpLikeUpstreamTestScaleUp() {
        given().auth().oauth2(FakeReviews.SIMULATOR).contentType("application/json").body(SCALE_UP)
                .when().post("/api/v1/simulate")
                .then().statusCode(200)
                .body("steps[0].desiredReplicas", equalTo(5))
                .body("steps[0].scaled", equalTo(true))
                .body("steps[0].metrics[0].current.averageUtilization", equalTo(50))
                .body("steps[0].metrics[0].current.averageValue", equalTo("500m"))
                .body("steps[0].metrics[0].proposedReplicas", equalTo(5))
                .body("steps[0].recommendation.proposed", equalTo(5))
                .body("steps[0].recommendation.limited", equalTo(5))
                .body("steps[0].rescaleReason",
                        equalTo("cpu resource utilization (percentage of request) above target"))
                .body("steps[0].conditions.reason",
                        contains("SucceededRescale", "ValidMetricFound", "DesiredWithinRange"))
                .body("settings.tolerance", equalTo(0.1f))
                .body("settings.cpuInitializationPeriodSeconds", equalTo(300));
    }

    @Test
    void reportsAMetricErrorAndKeepsReplicas() {
        // the status keeps its previous desiredReplicas when metrics fail (upstream); the step's decision is "no
        // change" (desired = current), never 0 or a stale count that would read as a scale in an audit
        String body = SCALE_UP.replace("\"steps\": [{\"metrics\": {\"resource\": {\"pods\"",
                "\"steps\": [{\"metrics\": {\"resource\": {\"error\": \"metrics-server down\", \"pods\"")
                .replace("\"history\": {},", "\"history\": {}, \"status\": {\"currentReplicas\": 3, "
                        + "\"desiredReplicas\": 4},");
        given().auth().oauth2(FakeReviews.SIMULATOR).contentType("application/json").body(body)
                .when().post("/api/v1/simulate")
                .then().statusCode(200)
                .body("steps[0].desiredReplicas", equalTo(3))
                .body("steps[0].currentReplicas", equalTo(3))
                .body("steps[0].status.desiredReplicas", equalTo(4))
                .body("steps[0].scaled", equalTo(false))
                .body("steps[0].metrics[0].error", containsString("metrics-server down"))
                .body("steps[0].conditions.reason", contains("SucceededGetScale", "FailedGetResourceMetric"))
                .body("steps[0].events.reason", hasItem("FailedComputeMetricsReplicas"));
    }

    /** Seed 000: eladmin-web, cpu+memory 80%, max 3, scale-down stabilized 60 s and limited to 10% per 60 s. */
    @Test
    void seed000AutoscalerFromYamlScalesUpUnderLoadAndBackDownAtTheConfiguredRate() throws IOException {
        String hpa;
        try (InputStream in = getClass().getResourceAsStream("/seed-000-hpa.yaml")) {
            hpa = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        StringBuilder yaml = new StringBuilder("autoscaler:\n");
        hpa.lines().filter(l -> !l.startsWith("#")).forEach(l -> yaml.append("  ").append(l).append('\n'));
        yaml.append("""
                scale: {specReplicas: 1, selector: app=eladmin-web}
                pods:
                  - {name: web-a, labels: {app: eladmin-web}, containers: [{name: web, requests: {cpu: 50m, memory: 200Mi}}]}
                  - {name: web-b, labels: {app: eladmin-web}, containers: [{name: web, requests: {cpu: 50m, memory: 200Mi}}]}
                  - {name: web-c, labels: {app: eladmin-web}, containers: [{name: web, requests: {cpu: 50m, memory: 200Mi}}]}
                  - {name: other, labels: {app: mysql}, containers: [{name: db, requests: {cpu: 1, memory: 1Gi}}]}
                history: {}
                start: "2026-11-22T02:00:00Z"
                steps:
                  - offsetSeconds: 0
                    pods:
                      - {name: web-a, labels: {app: eladmin-web}, containers: [{name: web, requests: {cpu: 50m, memory: 200Mi}}]}
                    metrics:
                      resource:
                        pods:
                          - {pod: web-a, containers: [{name: web, usage: {cpu: 100m, memory: 100Mi}}]}
                """);
        // three pods idle: cpu 10% and memory 20% of request
        String idle = """
                    metrics:
                      resource:
                        pods:
                          - {pod: web-a, containers: [{name: web, usage: {cpu: 5m, memory: 40Mi}}]}
                          - {pod: web-b, containers: [{name: web, usage: {cpu: 5m, memory: 40Mi}}]}
                          - {pod: web-c, containers: [{name: web, usage: {cpu: 5m, memory: 40Mi}}]}
                """;
        yaml.append("""
                  - offsetSeconds: 30
                    pods:
                      - {name: web-a, labels: {app: eladmin-web}, containers: [{name: web, requests: {cpu: 50m, memory: 200Mi}}]}
                      - {name: web-b, labels: {app: eladmin-web}, containers: [{name: web, requests: {cpu: 50m, memory: 200Mi}}]}
                      - {name: web-c, labels: {app: eladmin-web}, containers: [{name: web, requests: {cpu: 50m, memory: 200Mi}}]}
                """).append(idle);
        yaml.append("  - offsetSeconds: 75\n").append(idle);
        yaml.append("  - offsetSeconds: 135\n").append(idle);
        given().auth().oauth2(FakeReviews.SIMULATOR).contentType("application/yaml").body(yaml.toString().getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/simulate")
                .then().log().ifValidationFails().statusCode(200)
                .body("steps.desiredReplicas", contains(3, 3, 2, 1))
                .body("steps[0].metrics.name", contains("memory", "cpu"))
                .body("steps[0].metrics.current.averageUtilization", contains(50, 200))
                .body("steps[0].rescaleReason",
                        equalTo("cpu resource utilization (percentage of request) above target"))
                .body("steps[1].recommendation.proposed", equalTo(1))
                .body("steps[1].recommendation.stabilized", equalTo(3))
                .body("steps[1].conditions.reason", hasItem("ScaleDownStabilized"))
                .body("steps[2].recommendation.stabilized", equalTo(1))
                .body("steps[2].recommendation.limited", equalTo(2))
                .body("steps[2].conditions.reason", hasItem("ScaleDownLimit"))
                .body("steps[3].recommendation.limited", equalTo(1))
                .body("steps[3].history.scaleDownEvents.replicaChange", contains(1, 1))
                .body("steps[3].status.lastScaleTime", equalTo("2026-11-22T02:02:15Z"));
    }

    @Test
    void missingMaxReplicasIsA400NamingTheField() {
        given().auth().oauth2(FakeReviews.SIMULATOR).contentType("application/json")
                .body(SCALE_UP.replace("\"minReplicas\": 2, \"maxReplicas\": 6,", "\"minReplicas\": 2,"))
                .when().post("/api/v1/simulate")
                .then().statusCode(400)
                .body("field", equalTo("spec.maxReplicas"));
    }

    @Test
    void badQuantityIsA400NamingTheField() {
        given().auth().oauth2(FakeReviews.SIMULATOR).contentType("application/json").body(SCALE_UP.replace("\"300m\"", "\"300 millicores\""))
                .when().post("/api/v1/simulate")
                .then().statusCode(400)
                .body("field", equalTo("steps[0].metrics.resource.pods[0].containers[0].usage.cpu"))
                .body("message", containsString("300 millicores"));
    }

    @Test
    void unknownFieldIsA400NamingTheField() {
        given().auth().oauth2(FakeReviews.SIMULATOR).contentType("application/json").body(SCALE_UP.replace("\"history\": {},", "\"histroy\": {},"))
                .when().post("/api/v1/simulate")
                .then().statusCode(400)
                .body("field", equalTo("histroy"));
    }

    @Test
    void malformedYamlIsA400() {
        given().auth().oauth2(FakeReviews.SIMULATOR).contentType("application/yaml").body("spec:\n\tmaxReplicas: 3\n".getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/simulate")
                .then().statusCode(400)
                .body("message", containsString("malformed YAML"));
    }

    @Test
    void missingScaleAndStepsAreNamed() {
        given().auth().oauth2(FakeReviews.SIMULATOR).contentType("application/json")
                .body(SCALE_UP.replace("\"scale\": {\"specReplicas\": 3, \"selector\": \"app=web\"},", ""))
                .when().post("/api/v1/simulate")
                .then().statusCode(400).body("field", equalTo("scale"));
        given().auth().oauth2(FakeReviews.SIMULATOR).contentType("application/json")
                .body("{\"spec\": {\"maxReplicas\": 3}, \"scale\": {\"specReplicas\": 1}, \"steps\": []}")
                .when().post("/api/v1/simulate")
                .then().statusCode(400).body("field", equalTo("steps"));
    }

    @Test
    void invalidPolicyIsA400NamingTheField() {
        given().auth().oauth2(FakeReviews.SIMULATOR).contentType("application/json")
                .body("{\"spec\": {\"maxReplicas\": 3, \"behavior\": {\"scaleDown\": {\"policies\": "
                        + "[{\"type\": \"Replicas\", \"value\": 1, \"periodSeconds\": 60}]}}},"
                        + " \"scale\": {\"specReplicas\": 1}, \"steps\": [{}]}")
                .when().post("/api/v1/simulate")
                .then().statusCode(400)
                .body("field", equalTo("spec.behavior.scaleDown.policies[0].type"));
    }

    @Test
    void scaleReadFailureIsReportedAsFailedGetScale() {
        given().auth().oauth2(FakeReviews.SIMULATOR).contentType("application/json")
                .body("{\"spec\": {\"maxReplicas\": 3}, \"scale\": {\"error\": \"deployments.apps \\\"web\\\" not found\"},"
                        + " \"steps\": [{}]}")
                .when().post("/api/v1/simulate")
                .then().statusCode(200)
                .body("steps[0].conditions[0].reason", equalTo("FailedGetScale"))
                .body("steps[0].recommendation.proposed", nullValue());
    }
}
