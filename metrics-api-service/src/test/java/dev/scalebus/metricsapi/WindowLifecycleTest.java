package dev.scalebus.metricsapi;

import static dev.scalebus.metricsapi.Scrapes.container;
import static dev.scalebus.metricsapi.Scrapes.pod;
import static dev.scalebus.metricsapi.Scrapes.scrape;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scalebus.events.EventJson;
import dev.scalebus.events.Topics;
import dev.scalebus.metricsapi.ingest.ScrapeFeed;
import dev.scalebus.metricsapi.window.MetricsWindow;
import dev.scalebus.metricsapi.window.PodKey;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The window's life on the real broker: vanished pods, expiry, malformed records, rebuild after a restart. */
@QuarkusTest
class WindowLifecycleTest {

    static final String PODS = "/apis/metrics.k8s.io/v1beta1/namespaces/";

    @KubernetesTestServer
    KubernetesServer apiServer;

    @TestHTTPResource(value = "/", tls = true)
    URL https;

    @Inject
    MetricsWindow window;

    @BeforeEach
    void reviews() {
        ApiServerMock.install(apiServer);
    }

    RequestSpecification api() {
        return given().relaxedHTTPSValidation().baseUri(https.toString())
                .header("Authorization", "Bearer " + ApiServerMock.RBAC_TOKEN);
    }

    @Test
    void aPodMissingFromItsNodesNextScrapeIsGone() {
        String node = "mt-" + TestData.ID + "-c";
        String ns = "mt-" + TestData.ID + "-vanish";
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TestData.send(scrape(node, t, 1, 1, pod(ns, "gone-0", Map.of(), container("c", t, 15_000, 1, 1024)),
                pod(ns, "stay-0", Map.of(), container("c", t, 15_000, 1, 1024))));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                api().get(PODS + ns + "/pods/gone-0").then().statusCode(200));

        TestData.send(scrape(node, t.plusSeconds(15), 1, 1, pod(ns, "stay-0", Map.of(),
                container("c", t.plusSeconds(15), 15_000, 2, 2048))));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                api().get(PODS + ns + "/pods/gone-0").then().statusCode(404));
        api().get(PODS + ns + "/pods/stay-0").then().statusCode(200);
    }

    @Test
    void aScrapeOlderThanTheExpiryIsNeverServed() {
        String old = "mt-" + TestData.ID + "-old";
        String marker = "mt-" + TestData.ID + "-marker";
        String ns = "mt-" + TestData.ID + "-expiry";
        Instant longAgo = Instant.now().minus(Duration.ofMinutes(11)); // test expiry is 10m
        TestData.send(old, EventJson.toBytes(scrape(old, longAgo, 1, 1,
                pod(ns, "old-0", Map.of(), container("c", longAgo, 15_000, 1, 1024)))));
        // same key, same partition, published after: once the marker is visible the old scrape was consumed
        TestData.send(old, EventJson.toBytes(scrape(marker, Instant.now(), 1, 1)));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                api().get("/apis/metrics.k8s.io/v1beta1/nodes/" + marker).then().statusCode(200));
        api().get(PODS + ns + "/pods/old-0").then().statusCode(404);
        api().get("/apis/metrics.k8s.io/v1beta1/nodes/" + old).then().statusCode(404);
    }

    @Test
    void malformedRecordsAreCountedAndSkipped() {
        String node = "mt-" + TestData.ID + "-m";
        TestData.send(node, "{not json".getBytes(StandardCharsets.UTF_8));
        TestData.send(node, "{\"schemaVersion\":1,\"nodeName\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        TestData.send(scrape(node, Instant.now(), 7, 4096));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                api().get("/apis/metrics.k8s.io/v1beta1/nodes/" + node).then().statusCode(200));
        String metrics = given().baseUri(TestData.MANAGEMENT).get("/q/metrics").then().statusCode(200).extract()
                .asString();
        double malformed = metrics.lines()
                .filter(l -> l.startsWith("scalebus_metrics_api_points_dropped_total{reason=\"malformed\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        assertThat(malformed).as(metrics.lines().filter(l -> l.contains("points_dropped")).toList().toString())
                .isGreaterThanOrEqualTo(2);
        assertThat(metrics).contains("scalebus_metrics_api_window_pods").contains("scalebus_metrics_api_consumer_lag")
                .contains("http_server_requests_seconds_count");
    }

    @Test
    void aRestartedInstanceRebuildsTheSameWindowFromKafka() {
        String node = "mt-" + TestData.ID + "-r";
        String ns = "mt-" + TestData.ID + "-rebuild";
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TestData.send(scrape(node, t, 11, 2048, pod(ns, "a-0", Map.of("app", "a"),
                container("c1", t, 15_000, 5, 1024), container("c2", t.minusSeconds(1), 14_000, 6, 2048))));
        TestData.send(scrape(node, t.plusSeconds(15), 12, 4096, pod(ns, "a-0", Map.of("app", "a"),
                container("c1", t.plusSeconds(15), 15_000, 7, 1024), container("c2", t.plusSeconds(14), 15_000, 8,
                        2048)), pod(ns, "b-0", Map.of(), container("c", t.plusSeconds(15), 15_000, 9, 1024))));
        await().atMost(Duration.ofSeconds(30)).until(() -> window.pods(ns).size() == 2
                && window.pod(new PodKey(ns, "a-0")).orElseThrow().containers().get(0).cpuNanoCores() == 7);

        MetricsWindow rebuilt = new MetricsWindow(Clock.systemUTC(), Duration.ofMinutes(10));
        try (ScrapeFeed restarted = new ScrapeFeed(TestData.bootstrap(), Topics.NODE_SCRAPES, rebuilt,
                Duration.ofSeconds(30), Clock.systemUTC())) {
            restarted.start();
            await().atMost(Duration.ofSeconds(60)).until(restarted::caughtUp);
        }

        assertThat(rebuilt.pods(ns)).isEqualTo(window.pods(ns)).hasSize(2);
        assertThat(rebuilt.node(node)).isEqualTo(window.node(node)).isPresent();
    }

    @Test
    void aFarFutureScrapeDoesNotPinItsNode() {
        String node = "mt-" + TestData.ID + "-future";
        Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TestData.send(scrape(node, t, 100_000_000, 1024));
        TestData.send(scrape(node, Instant.parse("2030-01-01T00:00:00Z"), 3_999_000_000L, 1024));
        TestData.send(scrape(node, t.plusSeconds(1), 250_000_000, 2048));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                api().get("/apis/metrics.k8s.io/v1beta1/nodes/" + node).then().statusCode(200)
                        .body("usage.cpu", org.hamcrest.Matchers.equalTo("250m")));
        // a real scrape after the poison is still taken: the node was not pinned
        TestData.send(scrape(node, t.plusSeconds(2), 300_000_000, 2048));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                api().get("/apis/metrics.k8s.io/v1beta1/nodes/" + node).then().statusCode(200)
                        .body("usage.cpu", org.hamcrest.Matchers.equalTo("300m")));
        String metrics = given().baseUri(TestData.MANAGEMENT).get("/q/metrics").then().statusCode(200).extract()
                .asString();
        assertThat(metrics.lines().filter(l -> l.startsWith(
                "scalebus_metrics_api_points_dropped_total{reason=\"future_time\"")))
                .singleElement().satisfies(l -> assertThat(Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                        .isGreaterThanOrEqualTo(1));
    }
}
