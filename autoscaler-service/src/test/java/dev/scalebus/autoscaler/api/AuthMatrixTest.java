package dev.scalebus.autoscaler.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scalebus.autoscaler.FakeReviews;
import dev.scalebus.autoscaler.SimulatedClusterResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Who may call {@code POST /api/v1/simulate}: the API server's TokenReview and SubjectAccessReview ({@link FakeReviews}
 * behind the simulator's aggregator) decide; answers in the service's error shape naming the Authorization field.
 */
@QuarkusTest
@QuarkusTestResource(SimulatedClusterResource.class)
class AuthMatrixTest {

    static final String PATH = "/api/v1/simulate";

    @Test
    void anonymousIsUnauthorized() {
        given().contentType("application/json").body(SimulateResourceTest.SCALE_UP)
                .when().post(PATH)
                .then().statusCode(401).header("WWW-Authenticate", "Bearer")
                .body("status", equalTo(401)).body("error", equalTo("Unauthorized"))
                .body("field", equalTo("Authorization"))
                .body("correlationId", matchesPattern("[0-9a-f]{8}"));
    }

    @Test
    void aTokenTheApiServerRejectsIsUnauthorized() {
        given().auth().oauth2("not-a-token").contentType("application/json").body(SimulateResourceTest.SCALE_UP)
                .when().post(PATH)
                .then().statusCode(401).body("field", equalTo("Authorization"));
    }

    @Test
    void aBasicAuthorizationHeaderIsUnauthorized() {
        given().header("Authorization", "Basic YWxpY2U6c2VjcmV0").contentType("application/json")
                .body(SimulateResourceTest.SCALE_UP)
                .when().post(PATH)
                .then().statusCode(401);
    }

    @Test
    void aValidTokenWithoutThePermissionIsForbidden() {
        given().auth().oauth2(FakeReviews.VIEWER).contentType("application/json").body(SimulateResourceTest.SCALE_UP)
                .when().post(PATH)
                .then().statusCode(403).body("status", equalTo(403)).body("field", equalTo("Authorization"))
                .body("message", containsString("user \"bob\" cannot create on resource \"simulations\""
                        + " in API group \"scalebus.dev\" at the cluster scope"));
    }

    @Test
    void anAllowedTokenSimulatesAndTheReviewAsksForCreateSimulationsAtTheClusterScope() {
        given().auth().oauth2(FakeReviews.SIMULATOR).contentType("application/json")
                .body(SimulateResourceTest.SCALE_UP)
                .when().post(PATH)
                .then().statusCode(200).body("steps[0].desiredReplicas", equalTo(5));
        JsonNode review = SimulatedClusterResource.reviews().accessReviews().stream()
                .filter(r -> r.path("user").asText().equals("alice")).findFirst().orElseThrow();
        assertThat(review.path("resourceAttributes").path("verb").asText()).isEqualTo("create");
        assertThat(review.path("resourceAttributes").path("group").asText()).isEqualTo("scalebus.dev");
        assertThat(review.path("resourceAttributes").path("resource").asText()).isEqualTo("simulations");
        assertThat(review.path("resourceAttributes").path("namespace").asText("")).isEmpty();
        assertThat(review.path("uid").asText()).isEqualTo("uid-alice");
    }

    @Test
    void aTokenReviewThatCannotBeMadeIsUnauthorized() {
        given().auth().oauth2(FakeReviews.REVIEW_FAILS).contentType("application/json")
                .body(SimulateResourceTest.SCALE_UP)
                .when().post(PATH)
                .then().statusCode(401).body("field", equalTo("Authorization"));
    }

    @Test
    void anAccessReviewThatCannotBeMadeIsUnavailableWithACorrelationId() {
        given().auth().oauth2(FakeReviews.SAR_FAILS).contentType("application/json")
                .body(SimulateResourceTest.SCALE_UP)
                .when().post(PATH)
                .then().statusCode(503).header("Retry-After", "1")
                .body("field", equalTo("Authorization"))
                .body("message", containsString("authorization check could not be made"))
                .body("correlationId", matchesPattern("[0-9a-f]{8}"));
    }
}
