package dev.scalebus.history.api;

import static dev.scalebus.history.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.scalebus.events.ContainerSample;
import dev.scalebus.events.NodeScrape;
import dev.scalebus.events.PodSample;
import dev.scalebus.events.ScalingDecision;
import dev.scalebus.history.TestData;
import dev.scalebus.history.store.DecisionRepository;
import dev.scalebus.history.store.RollupJob;
import dev.scalebus.history.store.SampleWriter;
import dev.scalebus.history.store.Step;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every REST endpoint over seeded rows, and every bad input answered 400 naming the field. */
@QuarkusTest
class HistoryApiTest {

    static final int SCRAPES = 20;
    static final int PODS = 3;

    @Inject
    SampleWriter writer;
    @Inject
    RollupJob rollups;
    @Inject
    DecisionRepository decisions;

    String ns;
    String node;
    Instant base;
    Instant now;
    List<NodeScrape> scrapes;
    List<ScalingDecision> seeded;

    @BeforeEach
    void seed() {
        ns = TestData.unique("ns-api");
        node = TestData.unique("node-api");
        now = Instant.now();
        base = now.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(10));
        scrapes = new ArrayList<>();
        for (int i = 0; i < SCRAPES; i++) {
            scrapes.add(TestData.scrape(node, ns, base.plusSeconds(15L * i), PODS, i));
        }
        seeded = List.of(
                TestData.decision(UUID.randomUUID().toString(), ns, "web", base.plusSeconds(10), 2, 4, 4),
                TestData.decision(UUID.randomUUID().toString(), ns, "web", base.plusSeconds(70), 4, 6, 6),
                TestData.decision(UUID.randomUUID().toString(), ns, "web", base.plusSeconds(130), 6, 6, null),
                TestData.decision(UUID.randomUUID().toString(), ns, "api", base.plusSeconds(20), 1, 2, 2));
        QuarkusTransaction.requiringNew().run(() -> {
            writer.write(scrapes, Instant.EPOCH);
            seeded.forEach(decisions::insertIfAbsent);
        });
        rollups.rollUp(Step.MINUTE, base, now.plus(Duration.ofMinutes(1)));
        rollups.rollUp(Step.HOUR, base.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(1)));
    }

    private io.restassured.specification.RequestSpecification range() {
        return given().queryParam("from", base.toString()).queryParam("to", now.toString());
    }

    @Test
    void nodeSamplesRawAndRolledUpOnTheFly() {
        range().get("/api/v1/samples/nodes/{n}", node).then().statusCode(200)
                .body("step", equalTo("raw"))
                .body("items", hasSize(SCRAPES))
                .body("items[0].key", equalTo(node))
                .body("items[0].time", equalTo(base.toString()))
                .body("items[3].cpu_nano_cores", equalTo((int) scrapes.get(3).node().cpuNanoCores().longValue()))
                .body("continue", nullValue());
        JsonPath minute = range().queryParam("step", "1m").get("/api/v1/samples/nodes/{n}", node).then()
                .statusCode(200).body("step", equalTo("1m")).extract().jsonPath();
        assertThat(minute.getList("items.samples", Integer.class)).containsExactly(4, 4, 4, 4, 4);
    }

    @Test
    void aQueryOverTheTimeoutAnswers503NamingTheLimit() throws Exception {
        // an administrator holds the table: the query waits on the lock until the query timeout (3 s in tests)
        try (java.sql.Connection admin = java.sql.DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:5432/scalebus_test?user=postgres")) {
            admin.setAutoCommit(false);
            admin.createStatement().execute("LOCK TABLE history.node_samples IN ACCESS EXCLUSIVE MODE");
            range().get("/api/v1/samples/nodes/{n}", node).then().statusCode(503)
                    .body("status", equalTo(503))
                    .body("message", containsString("3 s limit (scalebus.history.api.query-timeout)"));
            admin.rollback();
        }
        range().get("/api/v1/samples/nodes/{n}", node).then().statusCode(200);
    }

    @Test
    void pagesFollowTheContinueTokenWithoutGapsOrRepeats() {
        List<String> times = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            var request = range().queryParam("limit", 7);
            if (token != null) {
                request.queryParam("continue", token);
            }
            JsonPath page = request.get("/api/v1/samples/nodes/{n}", node).then().statusCode(200).extract().jsonPath();
            times.addAll(page.getList("items.time", String.class));
            token = page.getString("continue");
            pages++;
        } while (token != null);
        assertThat(pages).isEqualTo(3);
        assertThat(times).hasSize(SCRAPES).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void podContainerAndWorkloadSamplesAtEveryStep() {
        range().get("/api/v1/samples/namespaces/{ns}/pods/{p}", ns, "web-5d8f7c-1").then().statusCode(200)
                .body("items", hasSize(SCRAPES)).body("items[0].workload_kind", equalTo("Deployment"))
                .body("items[0].labels.app", equalTo("web"));
        range().queryParam("step", "1m").get("/api/v1/samples/namespaces/{ns}/pods/{p}", ns, "web-5d8f7c-1")
                .then().statusCode(200).body("items", hasSize(5)).body("items[0].samples", equalTo(4));
        range().get("/api/v1/samples/namespaces/{ns}/pods/{p}/containers/{c}", ns, "web-5d8f7c-1", "app")
                .then().statusCode(200).body("items", hasSize(SCRAPES))
                .body("items[2].cpu_nano_cores", equalTo((int) cpu(scrapes.get(2), 1, "app")))
                .body("items[2].cpu_request_milli_cores", equalTo(250));
        // buckets starting in [from, to): from the start of the hour so the first hour bucket counts
        given().queryParam("from", base.truncatedTo(ChronoUnit.HOURS).toString()).queryParam("to", now.toString())
                .queryParam("step", "1h").get("/api/v1/samples/namespaces/{ns}/pods/{p}/containers/{c}", ns,
                "web-5d8f7c-1", "app").then().statusCode(200).body("step", equalTo("1h"))
                .body("items.samples.sum()", equalTo(SCRAPES));
        range().queryParam("limit", 1000).get("/api/v1/samples/namespaces/{ns}/workloads/{k}/{n}", ns,
                "Deployment", "web").then().statusCode(200).body("items", hasSize(SCRAPES * PODS));
        range().queryParam("step", "1m").get("/api/v1/samples/namespaces/{ns}/workloads/{k}/{n}", ns,
                "Deployment", "web").then().statusCode(200).body("items", hasSize(5))
                .body("items[0].pods", equalTo(PODS)).body("items[0].samples", equalTo(4 * PODS));
    }

    @Test
    void labelSelectorPicksThePodsCarryingTheLabels() {
        range().queryParam("labelSelector", "app=web,pod-template-hash=5d8f7c").queryParam("limit", 1000)
                .get("/api/v1/samples/namespaces/{ns}/pods", ns).then().statusCode(200)
                .body("items", hasSize(SCRAPES * PODS));
        range().queryParam("labelSelector", "app=db").get("/api/v1/samples/namespaces/{ns}/pods", ns).then()
                .statusCode(200).body("items", hasSize(0));
        range().queryParam("labelSelector", "app=web").queryParam("step", "1m")
                .get("/api/v1/samples/namespaces/{ns}/pods", ns).then().statusCode(200)
                .body("items", hasSize(5 * PODS));
    }

    @Test
    void decisionsByNamespaceAutoscalerTargetAndTimeWithTheFullRecord() {
        range().queryParam("namespace", ns).queryParam("autoscaler", "web").get("/api/v1/decisions").then()
                .statusCode(200).body("items", hasSize(3))
                .body("items[0].id", equalTo(seeded.get(0).id()))
                .body("items[0].metrics[0].target.averageUtilization", equalTo(60))
                .body("items[0].conditions[1].reason", equalTo("ValidMetricFound"))
                .body("items[0].recommendation.limited", equalTo(4))
                .body("items[2].appliedReplicas", nullValue());
        JsonPath first = range().queryParam("namespace", ns).queryParam("limit", 2).get("/api/v1/decisions").then()
                .statusCode(200).body("items", hasSize(2)).body("continue", notNullValue()).extract().jsonPath();
        range().queryParam("namespace", ns).queryParam("limit", 2).queryParam("continue", first.getString("continue"))
                .get("/api/v1/decisions").then().statusCode(200).body("items", hasSize(2))
                .body("items[1].id", equalTo(seeded.get(2).id())).body("continue", nullValue());
        given().queryParam("namespace", ns).queryParam("targetKind", "Deployment").queryParam("targetName", "web")
                .queryParam("from", base.plusSeconds(60).toString()).queryParam("to", base.plusSeconds(100).toString())
                .get("/api/v1/decisions").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].id", equalTo(seeded.get(1).id()));
        given().get("/api/v1/decisions/{id}", seeded.get(3).id()).then().statusCode(200)
                .body("autoscaler.name", equalTo("api")).body("desiredReplicas", equalTo(2));
        given().get("/api/v1/decisions/{id}", "no-such-" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void summariesTopPodsRescalesAndUsageVersusRequests() {
        range().queryParam("namespace", ns).queryParam("n", 2).get("/api/v1/summaries/top-pods").then()
                .statusCode(200).body("items", hasSize(2))
                .body("items[0].pod", equalTo("web-5d8f7c-2")).body("items[1].pod", equalTo("web-5d8f7c-1"));
        range().queryParam("namespace", ns).queryParam("by", "memory").queryParam("n", 1)
                .get("/api/v1/summaries/top-pods").then().statusCode(200).body("items[0].pod", equalTo("web-5d8f7c-2"));
        JsonPath rescales = range().queryParam("namespace", ns).get("/api/v1/summaries/rescales").then()
                .statusCode(200).body("items", hasSize(2)).extract().jsonPath();
        assertThat(rescales.getInt("items.find { it.autoscaler == 'web' }.rescales")).isEqualTo(2);
        assertThat(rescales.getInt("items.find { it.autoscaler == 'web' }.decisions")).isEqualTo(3);
        assertThat(rescales.getInt("items.find { it.autoscaler == 'api' }.rescales")).isEqualTo(1);

        double usage = 0;
        double requests = 0;
        for (NodeScrape s : scrapes) {
            for (PodSample p : s.pods()) {
                for (ContainerSample c : p.containers()) {
                    usage += c.cpuNanoCores();
                    requests += c.cpuRequestMilliCores() * 1e6;
                }
            }
        }
        JsonPath usageVsRequests = range().queryParam("namespace", ns).get("/api/v1/summaries/usage-vs-requests")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].workload_name", equalTo("web"))
                .body("items[0].pods", equalTo(PODS)).extract().jsonPath();
        assertThat(usageVsRequests.getDouble("items[0].cpu_utilization_percent"))
                .isCloseTo(100.0 * usage / requests, org.assertj.core.data.Offset.offset(1e-3));
    }

    @Test
    void openApiAndSwaggerUiAreServedOnTheManagementPortOnly() {
        dev.scalebus.history.Api.management().get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/v1/samples/nodes/{node}"))
                .body(containsString("/api/v1/summaries/usage-vs-requests"));
        dev.scalebus.history.Api.management().get("/q/swagger-ui/").then().statusCode(200)
                .body(containsString("swagger"));
        given().get("/q/openapi").then().statusCode(404);
        given().get("/q/swagger-ui/").then().statusCode(404);
    }

    @Test
    void badInputIsA400NamingTheField() {
        String pod = "/api/v1/samples/namespaces/{ns}/pods/{p}";
        Map<String, List<Object>> cases = Map.ofEntries(
                Map.entry("namespace", List.of(pod, Map.of(), "unknown namespace")),
                Map.entry("from", List.of(pod, Map.of("from", now.toString(), "to", base.toString()), "is after to")),
                Map.entry("to", List.of(pod, Map.of("to", "12:00 yesterday"), "malformed time")),
                Map.entry("step", List.of(pod, Map.of("from", now.minus(Duration.ofDays(3)).toString(), "step", "raw"),
                        "too fine")),
                Map.entry("limit", List.of(pod, Map.of("limit", "5000"), "exceeds the maximum")),
                Map.entry("continue", List.of(pod, Map.of("continue", "!!"), "malformed continue token")),
                Map.entry("labelSelector", List.of("/api/v1/samples/namespaces/{ns}/pods", Map.of("labelSelector",
                        "app in (web)"), "only equality")),
                Map.entry("by", List.of("/api/v1/summaries/top-pods", Map.of("by", "disk"), "want cpu or memory")),
                Map.entry("n", List.of("/api/v1/summaries/top-pods", Map.of("n", "1000"), "exceeds the maximum")));
        for (var c : cases.entrySet()) {
            String field = c.getKey();
            String ns = field.equals("namespace") ? TestData.unique("ns-nowhere") : this.ns;
            @SuppressWarnings("unchecked")
            Map<String, String> params = (Map<String, String>) c.getValue().get(1);
            String path = (String) c.getValue().get(0);
            Object[] pathParams = path.contains("{p}") ? new Object[] {ns, "web-5d8f7c-0"}
                    : path.contains("{ns}") ? new Object[] {ns} : new Object[0];
            if (field.equals("by") || field.equals("n")) {
                params = new java.util.HashMap<>(params);
                params.put("namespace", this.ns);
            }
            given().queryParams(params).get(path, pathParams).then()
                    .statusCode(400).body("field", equalTo(field))
                    .body("message", containsString((String) c.getValue().get(2)));
        }
        given().queryParam("step", "5m").get("/api/v1/samples/nodes/{n}", node).then().statusCode(400)
                .body("field", equalTo("step")).body("message", containsString("unknown step '5m'"));
        given().queryParam("namespace", TestData.unique("ns-nowhere")).get("/api/v1/decisions").then()
                .statusCode(400).body("field", equalTo("namespace"));
        given().queryParam("namespace", TestData.unique("ns-nowhere")).get("/api/v1/summaries/rescales").then()
                .statusCode(400).body("field", equalTo("namespace"));
        given().queryParam("namespace", TestData.unique("ns-nowhere")).get("/api/v1/summaries/usage-vs-requests")
                .then().statusCode(400).body("field", equalTo("namespace"));
        given().queryParam("from", "2026-02-30T00:00:00Z").get("/api/v1/decisions").then().statusCode(400)
                .body("field", equalTo("from"));
        given().queryParam("autoscaler", "web").get("/api/v1/decisions").then().statusCode(400)
                .body("field", equalTo("namespace"));
    }

    private static long cpu(NodeScrape scrape, int pod, String container) {
        return scrape.pods().get(pod).containers().stream().filter(c -> c.name().equals(container)).findFirst()
                .orElseThrow().cpuNanoCores();
    }

}
