package dev.scalebus.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.ThrowingRunnable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole stack as a user runs it: {@code ./scalebus up --no-build --detach --scenario e2e} (cluster-simulator,
 * collector, metrics-api, autoscaler, history on the real Kafka broker and PostgreSQL), then seed 000's story:
 * kubectl top answers through the simulator's aggregator, the ab burst (400 req/s, driven through the simulator's
 * control API) makes the autoscaler rescale eladmin-web 1 -> 3, history holds the samples and the decisions, and
 * once the load is gone the autoscaler scales back 3 -> 2 -> 1 as the seed's behavior allows (stabilized for 60 s,
 * then at most 10 % per 60 s, i.e. one pod per minute). Meanwhile, issue 10's stories: shop/web-api scales on its
 * own http_requests (collected from its /metrics, served by custom.metrics.k8s.io) and shop/order-consumer on its
 * Kafka consumer group's lag (external.metrics.k8s.io). The methods run in order and share the one stack.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(1) // before FaultInjectionIT, which binds the same fixed ports (src/test/resources/junit-platform.properties)
class WholeStackIT {

    private static final int SIMULATOR = 8090;
    private static final int HISTORY = 8084;
    private static final String NS = "yuchao";
    private static final String APP = "eladmin-web";
    private static final String AUTOSCALER = "hpa-eladmin-web";
    /** Issue 10's stories (examples/e2e/hpa-web-api-http-requests.yaml, hpa-order-consumer-lag.yaml). */
    private static final String SHOP = "shop";
    private static final String ORDERS = "e2e-orders";
    private static final String BOOTSTRAP = System.getenv().getOrDefault("SCALEBUS_KAFKA_BOOTSTRAP",
            "127.0.0.1:9092");

    /** Short periods so the story fits in minutes; the services read these from the environment of up. */
    private static final Map<String, String> ENV = Map.of(
            "SCALEBUS_COLLECTOR_METRIC_RESOLUTION", "5s",
            "SCALEBUS_COLLECTOR_KUBELET_REQUEST_TIMEOUT", "4s",
            "SCALEBUS_METRICS_API_METRIC_RESOLUTION", "5s",
            "SCALEBUS_AUTOSCALER_SYNC_PERIOD", "5s");

    private static Stack stack;
    /** History keeps decisions of earlier runs (database scalebus): only this run's count. */
    private static Instant startedAt;
    private static Instant loadDropped;

    @BeforeAll
    static void startStack() {
        Path root = Path.of(System.getProperty("scalebus.root", "..")).toAbsolutePath().normalize();
        assertThat(root.resolve("scalebus")).as("the scalebus script at the repository root").exists();
        stack = new Stack(root);
        startedAt = Instant.now();
        if (Files.exists(root.resolve(".scalebus/up/running"))) {
            // a previous run that died before its @AfterAll: free the fixed ports first
            stack.scalebus(Map.of(), Duration.ofMinutes(2), "down");
        }
        Stack.Result up = stack.scalebus(ENV, Duration.ofMinutes(10), "up", "--no-build", "--detach",
                "--scenario", "e2e");
        if (!up.ok()) {
            fail("./scalebus up failed: " + up + stack.logTails(40));
        }
        assertThat(up.output()).contains("scalebus is up with scenario e2e", "kubectl top", "history REST");
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            Stack.Result down = stack.scalebus(Map.of(), Duration.ofMinutes(3), "down");
            assertThat(down.ok()).as("./scalebus down: %s", down).isTrue();
        }
    }

    @Test
    @Order(1)
    void kubectlTopAnswersFromMetricsApiThroughTheAggregator() {
        Pattern podLine = Pattern.compile("(?m)^(" + APP + "-\\S+)\\s+(\\d+)m\\s+(\\d+)Mi\\s*$");
        eventually("kubectl top pod -n yuchao lists eladmin-web with CPU and memory", Duration.ofMinutes(4), () -> {
            Stack.Result top = stack.kubectl("top", "pod", "-n", NS);
            assertThat(top.ok()).as("%s", top).isTrue();
            Matcher m = podLine.matcher(top.output());
            assertThat(m.find()).as("an eladmin-web line in %s", top).isTrue();
            // seed model: 8Mi base working set, idle 1m CPU
            assertThat(Integer.parseInt(m.group(3))).as("memory MiB of %s", m.group(1)).isBetween(1, 200);
        });
        eventually("kubectl top node lists the three simulated nodes", Duration.ofMinutes(2), () -> {
            Stack.Result top = stack.kubectl("top", "node");
            assertThat(top.ok()).as("%s", top).isTrue();
            for (int i = 0; i < 3; i++) {
                assertThat(top.output()).containsPattern("(?m)^sim-node-" + i + "\\s+\\d+m\\s+.*\\d+Mi");
            }
        });
    }

    @Test
    @Order(2)
    void autoscalerRescalesEladminWebToThreeUnderTheBurst() throws Exception {
        eventually("the autoscaler reports the HorizontalAutoscaler's status", Duration.ofMinutes(3), () -> {
            JsonNode ha = autoscalerObject();
            assertThat(ha.path("status").path("currentReplicas").asInt(-1)).as("status of %s", ha).isEqualTo(1);
        });
        assertThat(deploymentReplicas()).as("eladmin-web before the burst").isEqualTo(1);
        // issue 10's two stories start here and converge while seed 000's runs (asserted in the last test):
        // web-api gets 30 req/s (3 pods' worth at 10 req/s each), order-consumer's group falls 300 records behind
        stack.put(SIMULATOR, "/simulator/deployments/" + SHOP + "/web-api/load", "{\"requestsPerSecond\": 30}");
        ConsumerBacklog.create(BOOTSTRAP, ORDERS, ORDERS, 300);
        // seed 000: ab -n 100000 -c 1000, modelled as 400 req/s = 802% of one pod's 50m CPU request
        stack.put(SIMULATOR, "/simulator/deployments/" + NS + "/" + APP + "/load", "{\"requestsPerSecond\": 400}");
        eventually("eladmin-web scaled to 3 replicas", Duration.ofMinutes(4),
                () -> assertThat(deploymentReplicas()).isEqualTo(3));
        eventually("the HorizontalAutoscaler status shows 3 replicas", Duration.ofMinutes(2),
                () -> assertThat(autoscalerObject().path("status").path("currentReplicas").asInt()).isEqualTo(3));
    }

    @Test
    @Order(3)
    void historyReturnsTheSamplesAndTheDecisions() {
        eventually("history has samples of the eladmin-web pods", Duration.ofMinutes(2), () -> {
            JsonNode page = stack.getJson(HISTORY,
                    "/api/v1/samples/namespaces/" + NS + "/workloads/Deployment/" + APP + "?limit=1000");
            List<String> pods = new ArrayList<>();
            for (JsonNode row : page.path("items")) {
                pods.add(row.toString());
            }
            assertThat(pods).as("workload samples %s", page).isNotEmpty();
            assertThat(pods).allSatisfy(row -> assertThat(row).contains(APP + "-"));
        });
        eventually("history has the scale-up decisions from 1 to 3 with their reason", Duration.ofMinutes(2), () -> {
            // event-driven: the first scrape after the step may still see part of the quiet in its CPU rate
            // and propose 2; the next one then proposes 3 (1 -> 3 or 1 -> 2 -> 3, both as upstream would decide)
            JsonNode up = decisions().stream()
                    .filter(d -> d.path("currentReplicas").asInt() == 1 && d.path("appliedReplicas").asInt() > 1)
                    .findFirst().orElse(null);
            assertThat(up).as("a decision scaling up from 1 among %s", decisions()).isNotNull();
            assertThat(up.path("reason").asText()).contains("above target");
            assertThat(up.path("target").path("name").asText()).isEqualTo(APP);
            assertThat(decisions()).as("a decision applying 3").anySatisfy(d -> {
                assertThat(d.path("appliedReplicas").asInt()).isEqualTo(3);
                assertThat(d.path("reason").asText()).contains("above target");
            });
        });
    }

    @Test
    @Order(4)
    void scalesBackToOneAfterTheBurstAsTheSeedBehaviorAllows() throws Exception {
        stack.put(SIMULATOR, "/simulator/deployments/" + NS + "/" + APP + "/load", "{\"requestsPerSecond\": 0}");
        loadDropped = Instant.now();
        eventually("the autoscaler holds 3 replicas while the scale-down is stabilized", Duration.ofMinutes(2), () -> {
            JsonNode held = decisions().stream()
                    .filter(d -> d.path("currentReplicas").asInt() == 3 && d.path("desiredReplicas").asInt() == 3
                            && condition(d, "AbleToScale").path("reason").asText().equals("ScaleDownStabilized"))
                    .findFirst().orElse(null);
            assertThat(held).as("a ScaleDownStabilized decision at 3 replicas among %s", decisions()).isNotNull();
            assertThat(held.path("recommendation").path("proposed").asInt()).isLessThan(3);
        });
        eventually("eladmin-web scaled down to 2 replicas", Duration.ofMinutes(4),
                () -> assertThat(deploymentReplicas()).isLessThanOrEqualTo(2));
        Duration waited = Duration.between(loadDropped, Instant.now());
        // stabilizationWindowSeconds 60: no recommendation from the burst may be forgotten before it has aged 60 s
        // (the last one came at most one 5 s sync period before the drop)
        assertThat(waited).as("time from the load drop to the first scale-down").isGreaterThan(Duration.ofSeconds(50));
        eventually("history has the 3 -> 2 decision", Duration.ofMinutes(2), () -> {
            JsonNode down = decisions().stream()
                    .filter(d -> d.path("currentReplicas").asInt() == 3 && d.path("appliedReplicas").asInt() == 2)
                    .findFirst().orElse(null);
            assertThat(down).as("a decision 3 -> 2 among %s", decisions()).isNotNull();
            assertThat(down.path("reason").asText()).isEqualTo("All metrics below target");
            // the stabilized recommendation is 1, or 2 while a recommendation from the falling edge is in the window
            assertThat(down.path("recommendation").path("stabilized").asInt()).isBetween(1, 2);
            assertThat(down.path("recommendation").path("limited").asInt()).isEqualTo(2);
        });
        eventually("eladmin-web back at 1 replica", Duration.ofMinutes(4),
                () -> assertThat(deploymentReplicas()).isEqualTo(1));
        eventually("history has the 2 -> 1 decision, one policy period after 3 -> 2", Duration.ofMinutes(2), () -> {
            List<JsonNode> all = decisions();
            JsonNode first = all.stream().filter(d -> d.path("currentReplicas").asInt() == 3
                    && d.path("appliedReplicas").asInt() == 2).findFirst().orElseThrow();
            JsonNode second = all.stream().filter(d -> d.path("currentReplicas").asInt() == 2
                    && d.path("appliedReplicas").asInt() == 1).findFirst().orElse(null);
            assertThat(second).as("a decision 2 -> 1 among %s", all).isNotNull();
            assertThat(second.path("reason").asText()).isEqualTo("All metrics below target");
            // Percent 10 per periodSeconds 60: the 3 -> 2 step counts against the policy until it is 60 s old
            Duration between = Duration.between(Instant.parse(first.path("time").asText()),
                    Instant.parse(second.path("time").asText()));
            assertThat(between).as("time between the two scale-down steps").isGreaterThan(Duration.ofSeconds(55));
            // and while it counted, the policy held a recommendation of 1 at 2 replicas
            JsonNode held = all.stream().filter(d -> condition(d, "ScalingLimited").path("reason").asText()
                    .equals("ScaleDownLimit")).findFirst().orElse(null);
            assertThat(held).as("a ScaleDownLimit decision among %s", all).isNotNull();
            assertThat(held.path("recommendation").path("stabilized").asInt()).isEqualTo(1);
            assertThat(held.path("recommendation").path("limited").asInt()).isEqualTo(2);
        });
    }

    @Test
    @Order(5)
    void scalesOnAnApplicationMetricAndOnConsumerLagThroughTheCustomAndExternalMetricsApis() {
        eventually("custom.metrics.k8s.io serves http_requests of the web-api pods through the aggregator",
                Duration.ofMinutes(3), () -> {
                    Stack.Result r = stack.kubectl("get", "--raw",
                            "/apis/custom.metrics.k8s.io/v1beta2/namespaces/" + SHOP + "/pods/*/http_requests");
                    assertThat(r.ok()).as("%s", r).isTrue();
                    JsonNode list = Stack.JSON.readTree(r.output());
                    assertThat(list.path("kind").asText()).isEqualTo("MetricValueList");
                    assertThat(list.path("items")).isNotEmpty().allSatisfy(item -> {
                        assertThat(item.path("describedObject").path("kind").asText()).isEqualTo("Pod");
                        assertThat(item.path("describedObject").path("name").asText()).startsWith("web-api-");
                        assertThat(item.path("metric").path("name").asText()).isEqualTo("http_requests");
                        assertThat(item.path("value").asText()).isNotIn("0", "");
                    });
                });
        eventually("web-api scaled to 3 on http_requests (30 req/s at a target of 10 per pod)", Duration.ofMinutes(4),
                () -> assertThat(replicas(SHOP, "web-api")).isEqualTo(3));
        eventually("external.metrics.k8s.io serves the e2e-orders consumer group's lag", Duration.ofMinutes(2),
                () -> {
                    Stack.Result r = stack.kubectl("get", "--raw", "/apis/external.metrics.k8s.io/v1beta1/namespaces/"
                            + SHOP + "/kafka_consumergroup_lag?labelSelector=consumergroup%3D" + ORDERS
                            + "%2Ctopic%3D" + ORDERS);
                    assertThat(r.ok()).as("%s", r).isTrue();
                    JsonNode item = Stack.JSON.readTree(r.output()).path("items").path(0);
                    assertThat(item.path("metricName").asText()).isEqualTo("kafka_consumergroup_lag");
                    assertThat(item.path("metricLabels").path("topic").asText()).isEqualTo(ORDERS);
                    assertThat(item.path("value").asText()).isEqualTo("300");
                });
        eventually("order-consumer scaled to 3 on a lag of 300 at a target of 100 per pod", Duration.ofMinutes(3),
                () -> assertThat(replicas(SHOP, "order-consumer")).isEqualTo(3));
    }

    private static int deploymentReplicas() {
        return replicas(NS, APP);
    }

    private static int replicas(String namespace, String deployment) {
        Stack.Result r = stack.kubectl("get", "deployment", deployment, "-n", namespace, "-o",
                "jsonpath={.spec.replicas}");
        assertThat(r.ok()).as("%s", r).isTrue();
        return Integer.parseInt(r.output().trim());
    }

    /** The HorizontalAutoscaler as stored (raw: the simulator's discovery does not map CRD kinds for kubectl get). */
    private static JsonNode autoscalerObject() throws Exception {
        Stack.Result r = stack.kubectl("get", "--raw",
                "/apis/autoscaling.scalebus.dev/v1/namespaces/" + NS + "/horizontalautoscalers/" + AUTOSCALER);
        assertThat(r.ok()).as("%s", r).isTrue();
        return Stack.JSON.readTree(r.output());
    }

    private static List<JsonNode> decisions() throws Exception {
        List<JsonNode> all = new ArrayList<>();
        JsonNode page = stack.getJson(HISTORY, "/api/v1/decisions?namespace=" + NS + "&autoscaler=" + AUTOSCALER
                + "&from=" + startedAt + "&limit=1000");
        page.path("items").forEach(all::add);
        return all;
    }

    private static JsonNode condition(JsonNode decision, String type) {
        for (JsonNode c : decision.path("conditions")) {
            if (type.equals(c.path("type").asText())) {
                return c;
            }
        }
        return Stack.JSON.createObjectNode();
    }

    /** Awaits the assertion; on timeout fails with the last assertion error and the tails of the service logs. */
    private static void eventually(String what, Duration atMost, ThrowingRunnable assertion) {
        Map<String, Throwable> last = new LinkedHashMap<>();
        try {
            Awaitility.await(what).atMost(atMost).pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
                    .untilAsserted(() -> {
                        try {
                            assertion.run();
                        } catch (Throwable t) {
                            last.put("last", t);
                            throw t;
                        }
                    });
        } catch (ConditionTimeoutException e) {
            Throwable cause = last.get("last");
            throw new AssertionError("not within " + atMost.toSeconds() + " s: " + what
                    + (cause == null ? "" : "\nlast failure: " + cause) + stack.logTails(30), e);
        }
    }
}
