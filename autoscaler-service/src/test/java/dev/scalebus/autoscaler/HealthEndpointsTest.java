package dev.scalebus.autoscaler;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.common.QuarkusTestResource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(SimulatedClusterResource.class)
class HealthEndpointsTest {

    @Test
    void livenessIsUp() {
        given().when().get("/q/health/live")
                .then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("leader-election"));
    }

    @Test
    void readinessReportsTheKubernetesApi() {
        given().when().get("/q/health/ready")
                .then().body("checks.name", hasItem("kubernetes-api"));
    }
}
