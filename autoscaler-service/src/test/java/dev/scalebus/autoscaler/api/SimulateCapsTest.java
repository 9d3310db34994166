package dev.scalebus.autoscaler.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.scalebus.autoscaler.FakeReviews;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The what-if request caps: refused in the error shape, naming the field and the limit, before simulating. */
@QuarkusTest
@QuarkusTestResource(dev.scalebus.autoscaler.SimulatedClusterResource.class)
class SimulateCapsTest {

    /** SCALE_UP with its one step repeated {@code n} times (each step as {@code step}). */
    static String withSteps(int n, String step) {
        StringBuilder steps = new StringBuilder(n * (step.length() + 1));
        for (int i = 0; i < n; i++) {
            steps.append(i == 0 ? "" : ",").append(step);
        }
        int at = SimulateResourceTest.SCALE_UP.indexOf("\"steps\"");
        return SimulateResourceTest.SCALE_UP.substring(0, at) + "\"steps\": [" + steps + "]}";
    }

    @Test
    void threeHundredThousandStepsAreRefusedNamingTheStepLimit() {
        String body = withSteps(300_000, "{}");
        given().auth().oauth2(FakeReviews.SIMULATOR).contentType("application/json").body(body)
                .when().post("/api/v1/simulate")
                .then().statusCode(400).body("field", equalTo("steps"))
                .body("message", equalTo("has more than 10000 items, over the limit of 10000"
                        + " (scalebus.autoscaler.simulate.max-steps)"));
    }

    @Test
    void aBodyOverOneMebibyteIsTooLargeBeforeItIsRead() {
        // 1.2 MB, 300,000 steps: the request that once ran 7 s of CPU
        String body = withSteps(300_000, "{ }");
        given().auth().oauth2(FakeReviews.SIMULATOR).contentType("application/json")
                .body(body.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/simulate")
                .then().statusCode(413).body("status", equalTo(413)).body("field", equalTo("body"))
                .body("message", containsString("over the limit of 1048576 bytes"
                        + " (scalebus.autoscaler.simulate.max-body-bytes)"));
    }

    @Test
    void tooManyMetricsAreRefusedNamingTheField() {
        String metric = "{\"type\": \"Resource\", \"resource\": {\"name\": \"cpu\","
                + " \"target\": {\"type\": \"Utilization\", \"averageUtilization\": 30}}}";
        String metrics = String.join(",", java.util.Collections.nCopies(21, metric));
        String body = SimulateResourceTest.SCALE_UP.replaceFirst("\"metrics\": \\[\\{\"type\": \"Resource\"[^\\]]*\\]",
                java.util.regex.Matcher.quoteReplacement("\"metrics\": [" + metrics + "]"));
        given().auth().oauth2(FakeReviews.SIMULATOR).contentType("application/json").body(body)
                .when().post("/api/v1/simulate")
                .then().statusCode(400).body("field", equalTo("spec.metrics"))
                .body("message", containsString("over the limit of 20"));
    }

    @Test
    void tooManyPodsInAStepAreRefusedNamingTheStep() {
        StringBuilder pods = new StringBuilder();
        for (int i = 0; i < 5001; i++) {
            pods.append(i == 0 ? "" : ",").append("{\"name\":\"p").append(i).append("\"}");
        }
        String body = withSteps(2, "{\"pods\": [" + pods + "]}");
        given().auth().oauth2(FakeReviews.SIMULATOR).contentType("application/json").body(body)
                .when().post("/api/v1/simulate")
                .then().statusCode(400).body("field", equalTo("steps[0].pods"))
                .body("message", containsString("over the limit of 5000 (scalebus.autoscaler.simulate.max-pods)"));
    }
}
