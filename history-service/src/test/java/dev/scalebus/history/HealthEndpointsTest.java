package dev.scalebus.history;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HealthEndpointsTest {

    @Test
    void healthAndMetricsAreOnTheManagementPortNotTheRestPort() {
        Api.management().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        Api.management().get("/q/metrics").then().statusCode(200).body(containsString("jvm_"));
        RestAssured.given().get("/q/health/live").then().statusCode(404);
        RestAssured.given().get("/q/metrics").then().statusCode(404);
    }
}
