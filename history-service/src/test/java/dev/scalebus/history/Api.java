package dev.scalebus.history;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** REST requests as the tests make them: with a bearer token the mock API server lets read everything. */
public final class Api {

    /** The management interface's port in tests (quarkus.management.test-port). */
    public static final int MANAGEMENT_PORT = 19084;

    private Api() {
    }

    /** A request as the admin (allowed everything). */
    public static RequestSpecification given() {
        return as(ApiServer.ADMIN);
    }

    /** A request with the bearer token. */
    public static RequestSpecification as(String token) {
        return RestAssured.given().header("Authorization", "Bearer " + token);
    }

    /** A request to the management interface (/q/health, /q/openapi ...), no token. */
    public static RequestSpecification management() {
        return RestAssured.given().port(MANAGEMENT_PORT);
    }
}
