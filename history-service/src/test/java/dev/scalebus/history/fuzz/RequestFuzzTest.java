package dev.scalebus.history.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebus.history.ApiServer;
import dev.scalebus.history.TestData;
import dev.scalebus.history.api.PageToken;
import dev.scalebus.history.store.DecisionRepository;
import dev.scalebus.history.store.SampleWriter;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A few hundred generated requests through HTTP, over every endpoint and parameter (names, selectors, times,
 * namespaces, steps, limits, continue tokens) and a few tokens: every answer is 2xx, 400, 401, 403, 404 (a path
 * that matches no route) or 414 (a URL longer than the HTTP server's 4 KiB request line), never a 5xx.
 */
@QuarkusTest
class RequestFuzzTest {

    private static final Logger LOG = Logger.getLogger(RequestFuzzTest.class);
    static final int REQUESTS = 400;
    static final int MAX_URL = 6000;
    static final List<String> ENDPOINTS = List.of("/api/v1/decisions", "/api/v1/decisions/{id}",
            "/api/v1/samples/nodes/{node}", "/api/v1/samples/namespaces/{namespace}/pods/{pod}",
            "/api/v1/samples/namespaces/{namespace}/pods/{pod}/containers/{container}",
            "/api/v1/samples/namespaces/{namespace}/workloads/{kind}/{name}",
            "/api/v1/samples/namespaces/{namespace}/pods", "/api/v1/summaries/top-pods",
            "/api/v1/summaries/rescales", "/api/v1/summaries/usage-vs-requests");
    static final List<String> PARAMS = List.of("namespace", "autoscaler", "targetKind", "targetName", "from", "to",
            "step", "limit", "continue", "labelSelector", "by", "n");

    @Inject
    SampleWriter writer;
    @Inject
    DecisionRepository decisions;

    @Test
    void arbitraryRequestsNeverAnswer5xx() {
        String ns = TestData.unique("fuzz");
        String node = TestData.unique("node-fuzz");
        String id = UUID.randomUUID().toString();
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(30);
        QuarkusTransaction.requiringNew().run(() -> {
            writer.write(List.of(TestData.scrape(node, ns, t, 2, 1)), Instant.EPOCH);
            decisions.insertIfAbsent(TestData.decision(id, ns, "web", t, 1, 2, 2));
        });
        // real values among the garbage, so that requests also get past validation to the database
        Inputs inputs = new Inputs(42L, List.of(ns, node, id, "web-5d8f7c-0", "app", "Deployment", "web",
                t.minusSeconds(600).toString(), Instant.now().toString(), new PageToken(t, "web-5d8f7c-0").encode()));
        List<String> tokens = List.of(ApiServer.ADMIN, ApiServer.ADMIN, ApiServer.ADMIN, ApiServer.ALICE,
                ApiServer.BOB, "garbage-token", "");
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (int i = 0; i < REQUESTS; i++) {
            String endpoint = ENDPOINTS.get(inputs.nextInt(ENDPOINTS.size()));
            StringBuilder url = new StringBuilder();
            for (String segment : endpoint.split("/")) {
                if (segment.isEmpty()) {
                    continue;
                }
                String value = segment.startsWith("{") ? encode(segment.equals("{namespace}")
                        && inputs.nextInt(2) == 0 ? ns : inputs.next()) : segment;
                url.append('/').append(cut(value, MAX_URL / 4));
            }
            StringBuilder query = new StringBuilder();
            for (String param : PARAMS) {
                String value = inputs.nextInt(3) == 0 ? encode(inputs.next()) : null;
                // beyond the server's 4 KiB request line (414) the connection is closed mid-request: keep it short
                if (value != null && url.length() + query.length() + value.length() < MAX_URL) {
                    query.append(query.length() == 0 ? '?' : '&').append(param).append('=').append(value);
                }
            }
            String token = tokens.get(inputs.nextInt(tokens.size()));
            RequestSpecification request = RestAssured.given().urlEncodingEnabled(false);
            if (!token.isEmpty()) {
                request.header("Authorization", "Bearer " + token);
            }
            Response answer = request.get(url.toString() + query);
            int status = answer.statusCode();
            statuses.merge(status, 1, Integer::sum);
            assertThat(status).as("GET %s%s as %s answered %s", url, query, token, answer.asString())
                    .isIn(200, 400, 401, 403, 404, 414);
            if (Set.of(400, 401, 403).contains(status)) {
                assertThat(answer.jsonPath().getInt("status")).isEqualTo(status);
            }
        }
        LOG.infof("%d generated requests: statuses %s", REQUESTS, statuses);
        assertThat(statuses).containsKeys(200, 400, 401, 403);
    }

    /** The encoded value cut to at most max characters, never inside a %XX escape. */
    private static String cut(String encoded, int max) {
        if (encoded.length() <= max) {
            return encoded;
        }
        int end = max;
        int percent = encoded.lastIndexOf('%', end - 1);
        if (percent >= 0 && percent >= end - 2) {
            end = percent;
        }
        return encoded.substring(0, end);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
