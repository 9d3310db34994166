package dev.scalebus.simulator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ControlApiTest {

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
    void readinessReportsTheSimulatedCluster() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'simulated-cluster' }.data.nodes", equalTo(3));
    }
}
