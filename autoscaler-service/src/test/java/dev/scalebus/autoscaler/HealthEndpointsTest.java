package dev.scalebus.autoscaler;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Health and metrics on the management interface (9083; tests 19083), not on the API port. */
@QuarkusTest
@QuarkusTestResource(SimulatedClusterResource.class)
public class HealthEndpointsTest {

    /**
     * A request to the management interface ({@code quarkus.management.test-port}; {@code @TestHTTPResource(management
     * = true)} injects the default 9001 rather than the configured test port).
     */
    public static RequestSpecification management() {
        return given().port(ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class));
    }

    @Test
    void livenessIsUpOnTheManagementPort() {
        management().when().get("/q/health/live")
                .then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("leader-election"));
    }

    @Test
    void readinessReportsTheKubernetesApi() {
        management().when().get("/q/health/ready")
                .then().body("checks.name", hasItem("kubernetes-api"));
    }

    @Test
    void metricsAreOnTheManagementPort() {
        management().when().get("/q/metrics").then().statusCode(200);
    }

    @Test
    void theApiPortServesNoHealthOrMetrics() {
        given().when().get("/q/health/live").then().statusCode(404);
        given().when().get("/q/metrics").then().statusCode(404);
    }
}
