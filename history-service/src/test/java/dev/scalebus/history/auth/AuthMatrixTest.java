package dev.scalebus.history.auth;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.scalebus.history.Api;
import dev.scalebus.history.ApiServer;
import dev.scalebus.history.TestData;
import dev.scalebus.history.store.DecisionRepository;
import dev.scalebus.history.store.SampleWriter;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every REST endpoint behind the bearer token and the SubjectAccessReview, against the mock API server: alice may
 * read namespaces alice-*, bob nothing, admin everything.
 */
@QuarkusTest
class AuthMatrixTest {

    @Inject
    SampleWriter writer;
    @Inject
    DecisionRepository decisions;

    String mine;
    String theirs;
    String node;
    String myDecision;
    String theirDecision;
    Instant from;

    @BeforeEach
    void seed() {
        mine = TestData.unique("alice");
        theirs = TestData.unique("other");
        node = TestData.unique("node-auth");
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        from = t.minus(Duration.ofMinutes(5));
        myDecision = UUID.randomUUID().toString();
        theirDecision = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> {
            writer.write(List.of(TestData.scrape(node, mine, t, 1, 1), TestData.scrape(node, theirs, t, 1, 2)),
                    Instant.EPOCH);
            decisions.insertIfAbsent(TestData.decision(myDecision, mine, "web", t, 1, 2, 2));
            decisions.insertIfAbsent(TestData.decision(theirDecision, theirs, "web", t, 1, 2, 2));
        });
    }

    private RequestSpecification as(String token) {
        return Api.as(token).queryParam("from", from.toString());
    }

    @Test
    void aRequestWithoutAValidBearerTokenIs401InTheProblemShape() {
        for (RequestSpecification request : List.of(RestAssured.given(), Api.as("not-a-known-token"),
                RestAssured.given().header("Authorization", "Basic YWxpY2U6cHc="),
                RestAssured.given().header("Authorization", "Bearer "))) {
            request.queryParam("namespace", mine).get("/api/v1/decisions").then().statusCode(401)
                    .header("WWW-Authenticate", "Bearer")
                    .body("status", equalTo(401)).body("field", equalTo("Authorization"))
                    .body("message", containsString("bearer token")).body("message", containsString("correlation id"));
        }
        RestAssured.given().get("/api/v1/samples/nodes/{n}", node).then().statusCode(401);
        RestAssured.given().get("/api/v1/summaries/top-pods").then().statusCode(401);
        RestAssured.given().get("/api/v1/decisions/{id}", myDecision).then().statusCode(401);
    }

    @Test
    void aUserWhoMayReadOneNamespaceReadsItAndNoOther() {
        as(ApiServer.ALICE).queryParam("namespace", mine).get("/api/v1/decisions").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].id", equalTo(myDecision));
        as(ApiServer.ALICE).get("/api/v1/samples/namespaces/{ns}/pods/{p}", mine, "web-5d8f7c-0").then()
                .statusCode(200).body("items", hasSize(1));
        as(ApiServer.ALICE).queryParam("namespace", mine).get("/api/v1/summaries/top-pods").then().statusCode(200)
                .body("items", hasSize(1));
        as(ApiServer.ALICE).queryParam("namespace", mine).get("/api/v1/decisions/{id}", myDecision).then()
                .statusCode(200).body("id", equalTo(myDecision));

        as(ApiServer.ALICE).queryParam("namespace", theirs).get("/api/v1/decisions").then().statusCode(403)
                .body("status", equalTo(403)).body("field", equalTo("namespace"))
                .body("message", containsString("user \"alice\" cannot list resource \"decisions\" in API group "
                        + "\"scalebus.dev\" in the namespace \"" + theirs + "\""))
                .body("message", containsString("correlation id"));
        as(ApiServer.ALICE).get("/api/v1/samples/namespaces/{ns}/pods/{p}", theirs, "web-5d8f7c-0").then()
                .statusCode(403).body("message", containsString("cannot list resource \"samples\""));
        as(ApiServer.ALICE).get("/api/v1/samples/namespaces/{ns}/workloads/Deployment/web", theirs).then()
                .statusCode(403);
        as(ApiServer.ALICE).queryParam("namespace", theirs).get("/api/v1/summaries/rescales").then().statusCode(403);
        // her grant in her namespace does not open another namespace's decision by id, nor tell that it exists
        as(ApiServer.ALICE).queryParam("namespace", mine).get("/api/v1/decisions/{id}", theirDecision).then()
                .statusCode(404);
        as(ApiServer.ALICE).queryParam("namespace", theirs).get("/api/v1/decisions/{id}", theirDecision).then()
                .statusCode(403).body("message", containsString("cannot get resource \"decisions\""));
        // a namespace she may not read answers 403 whether it exists or not: no probing for namespaces
        as(ApiServer.ALICE).queryParam("namespace", TestData.unique("nowhere")).get("/api/v1/decisions").then()
                .statusCode(403);
    }

    @Test
    void aQueryOfAllNamespacesOrOfANodeNeedsTheClusterWideGrant() {
        as(ApiServer.ALICE).get("/api/v1/decisions").then().statusCode(403)
                .body("message", containsString("at the cluster scope"));
        as(ApiServer.ALICE).get("/api/v1/decisions/{id}", myDecision).then().statusCode(403);
        as(ApiServer.ALICE).get("/api/v1/summaries/usage-vs-requests").then().statusCode(403);
        as(ApiServer.ALICE).get("/api/v1/samples/nodes/{n}", node).then().statusCode(403);
        as(ApiServer.ADMIN).get("/api/v1/decisions").then().statusCode(200);
        as(ApiServer.ADMIN).get("/api/v1/samples/nodes/{n}", node).then().statusCode(200).body("items", hasSize(1));
        as(ApiServer.ADMIN).get("/api/v1/decisions/{id}", theirDecision).then().statusCode(200);
    }

    @Test
    void anAuthenticatedUserWithoutAGrantIsForbiddenEverywhere() {
        as(ApiServer.BOB).queryParam("namespace", mine).get("/api/v1/decisions").then().statusCode(403)
                .body("message", containsString("user \"bob\" cannot list"));
        as(ApiServer.BOB).get("/api/v1/samples/namespaces/{ns}/pods/{p}", mine, "web-5d8f7c-0").then()
                .statusCode(403);
        as(ApiServer.BOB).get("/api/v1/summaries/top-pods").then().statusCode(403);
    }

    @Test
    void aReviewThatCannotBeMadeIs401ForTheTokenAnd503ForThePermission() {
        as(ApiServer.REVIEW_DOWN).queryParam("namespace", mine).get("/api/v1/decisions").then().statusCode(401)
                .body("field", equalTo("Authorization"))
                .body("message", containsString("could not be reviewed"))
                .body("message", containsString("correlation id"));
        as(ApiServer.SAR_DOWN).queryParam("namespace", mine).get("/api/v1/decisions").then().statusCode(503)
                .body("status", equalTo(503))
                .body("message", containsString("could not be checked"))
                .body("message", containsString("correlation id"));
    }
}
