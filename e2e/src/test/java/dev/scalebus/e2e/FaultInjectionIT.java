package dev.scalebus.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
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
 * Issue 14's fault-injection suite on the real stack of {@code ./scalebus up --detach} (simulator as API server and
 * kubelets, the four packaged services), on a broker (port 19092) and a PostgreSQL (port 15432) of its own, so that
 * it may kill them. Load flows all along: the kubelets are scraped every 5 s and eladmin-web's load flips between
 * 400 and 0 req/s every 15 s (with a scale-down behavior that follows at once), so decisions keep coming. Each test
 * injects one fault, then asserts from outside (Kafka topics, SQL, kubectl, the metrics API, health endpoints) and
 * writes its row of docs/reliability.md. Runs after WholeStackIT (class order), which uses the same fixed ports.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@org.junit.jupiter.api.Order(2)
class FaultInjectionIT {

    static final int KAFKA_PORT = 19092;
    static final int PG_PORT = 15432;
    static final String BOOTSTRAP = "127.0.0.1:" + KAFKA_PORT;
    private static final int SIMULATOR = 8090;
    /** How long the whole stack may take to come back after a fault (JVM restarts on 2 busy cores included). */
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(150);
    /** How long the stack has to recover by itself before the suite plays supervisor (restarts what is not live). */
    private static final Duration SELF_RECOVERY_LIMIT = Duration.ofSeconds(90);

    static final Map<String, String> ENV = Map.ofEntries(
            Map.entry("SCALEBUS_KAFKA_PORT", Integer.toString(KAFKA_PORT)),
            Map.entry("SCALEBUS_KAFKA_BOOTSTRAP", BOOTSTRAP),
            Map.entry("SCALEBUS_PG_PORT", Integer.toString(PG_PORT)),
            Map.entry("SCALEBUS_COLLECTOR_METRIC_RESOLUTION", "5s"),
            Map.entry("SCALEBUS_COLLECTOR_KUBELET_REQUEST_TIMEOUT", "4s"),
            Map.entry("SCALEBUS_METRICS_API_METRIC_RESOLUTION", "5s"),
            Map.entry("SCALEBUS_AUTOSCALER_SYNC_PERIOD", "5s"),
            Map.entry("SCALEBUS_AUTOSCALER_LEADER_ELECTION_LEASE_DURATION", "6s"),
            Map.entry("SCALEBUS_AUTOSCALER_LEADER_ELECTION_RENEW_DEADLINE", "4s"),
            Map.entry("SCALEBUS_AUTOSCALER_LEADER_ELECTION_RETRY_PERIOD", "1s"));

    static Stack stack;
    static PrivatePostgres pg;
    static Topics topics;
    static Ledger ledger;
    static Probes probes;
    static final ReliabilityReport REPORT = new ReliabilityReport();
    /** Topic coordinates (topic-partition@offset) of the records the suite published itself. */
    static final Set<String> OWN = ConcurrentHashMap.newKeySet();
    private static ScheduledExecutorService loadDriver;
    private static final AtomicBoolean BURST = new AtomicBoolean();
    private static Path root;
    private static long rollupCallsAtStart = -1;
    private static Instant rollupWindowStart;

    @BeforeAll
    static void startStack() throws Exception {
        root = Path.of(System.getProperty("scalebus.root", "..")).toAbsolutePath().normalize();
        stack = new Stack(root);
        if (root.resolve(".scalebus/up/running").toFile().exists()) {
            stack.scalebus(ENV, Duration.ofMinutes(2), "down");
        }
        pg = PrivatePostgres.start(PG_PORT);
        Stack.Result kafka = stack.scalebus(ENV, Duration.ofMinutes(3), "kafka", "start");
        assertThat(kafka.ok()).as("%s", kafka).isTrue();
        Stack.Result up = stack.scalebus(ENV, Duration.ofMinutes(10), "up", "--no-build", "--detach", "--scenario", "e2e");
        if (!up.ok()) {
            fail("./scalebus up failed: " + up + stack.logTails(40));
        }
        topics = new Topics(BOOTSTRAP);
        ledger = new Ledger(topics, pg);
        probes = new Probes(stack, pg);
        pg.superuserSql("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        fastScaleDown();
        loadDriver = Executors.newSingleThreadScheduledExecutor();
        loadDriver.scheduleWithFixedDelay(FaultInjectionIT::flipLoad, 0, 15, TimeUnit.SECONDS);
        Instant t = Instant.now();
        eventually("the stack works before any fault", Duration.ofMinutes(5), () -> assertRecovered(t));
    }

    @AfterAll
    static void stopStack() throws Exception {
        if (loadDriver != null) {
            loadDriver.shutdownNow();
        }
        try {
            REPORT.write(root.resolve("docs/reliability.md"), "Stack: `./scalebus up --no-build --detach --scenario"
                    + " e2e` on its own Kafka (127.0.0.1:" + KAFKA_PORT + ") and PostgreSQL 15 (127.0.0.1:" + PG_PORT
                    + "), collector/metrics-api resolution 5 s, autoscaler sync period 5 s, lease 6 s / renew 4 s /"
                    + " retry 1 s; eladmin-web's load flips 400 <-> 0 req/s every 15 s. Samples = node scrapes with"
                    + " the node's usage published on scalebus.node-scrapes during the fault's window vs rows of"
                    + " history.node_samples with that node and scrape time; decisions = records on"
                    + " scalebus.scaling-decisions vs rows of history.decisions with that id; duplicates = stored"
                    + " decisions equal to the autoscaler's previous one (counts, applied, reason); time to recover ="
                    + " from the end of the fault until history stores a newer sample of every node and a newer"
                    + " decision, the metrics API serves every node with a newer timestamp and the four health"
                    + " endpoints answer 200 (bounded below by the 5 s resolution and the 15 s load flip).");
        } finally {
            if (stack != null) {
                stack.scalebus(ENV, Duration.ofMinutes(3), "down");
                stack.scalebus(ENV, Duration.ofMinutes(2), "kafka", "stop");
            }
            if (pg != null) {
                pg.close();
            }
        }
    }

    // ------------------------------------------------------------------ broker

    @Test
    @Order(1)
    void brokerKilledForThirtySecondsAndRestartedOnItsData() throws Exception {
        FaultRun run = new FaultRun("broker killed (kill -9), restarted on its data", "30 s down");
        Signals.kill9(Signals.pid(root.resolve(".scalebus/kafka-" + KAFKA_PORT + ".pid")));
        hold(Duration.ofSeconds(30), "the broker stays down 30 s");
        Stack.Result start = stack.scalebus(ENV, Duration.ofMinutes(3), "kafka", "start");
        run.check(() -> assertThat(start.ok()).as("%s", start).isTrue());
        run.finish(null);
    }

    @Test
    @Order(2)
    void brokerPausedTwentySeconds() throws Exception {
        FaultRun run = new FaultRun("broker paused (SIGSTOP, SIGCONT)", "20 s");
        long pid = Signals.pid(root.resolve(".scalebus/kafka-" + KAFKA_PORT + ".pid"));
        Signals.pause(pid);
        try {
            hold(Duration.ofSeconds(20), "the broker stays paused 20 s");
        } finally {
            Signals.resume(pid);
        }
        run.finish(null);
    }

    // ------------------------------------------------------------------ PostgreSQL

    @Test
    @Order(3)
    void postgresRestarted() throws Exception {
        FaultRun run = new FaultRun("PostgreSQL restarted (pg_ctl restart -m fast)", "restart");
        pg.restart();
        run.finish(null);
    }

    @Test
    @Order(4)
    void postgresDownSixtySeconds() throws Exception {
        FaultRun run = new FaultRun("PostgreSQL down (pg_ctl stop -m fast, start)", "60 s down");
        pg.stop();
        try {
            hold(Duration.ofSeconds(60), "PostgreSQL stays down 60 s");
        } finally {
            pg.startAgain();
        }
        run.finish(null);
    }

    // ------------------------------------------------------------------ API server

    @Test
    @Order(5)
    void apiServerPausedTwentyFiveSeconds() throws Exception {
        apiServerPaused(Duration.ofSeconds(25));
    }

    @Test
    @Order(6)
    void apiServerPausedSixtySeconds() throws Exception {
        apiServerPaused(Duration.ofSeconds(60));
    }

    private void apiServerPaused(Duration pause) throws Exception {
        FaultRun run = new FaultRun("API server and kubelets paused (SIGSTOP of the simulator)",
                pause.toSeconds() + " s");
        long pid = Signals.pid(root.resolve(".scalebus/up/cluster-simulator.pid"));
        Signals.pause(pid);
        try {
            hold(pause, "the simulated API server stays paused");
        } finally {
            Signals.resume(pid);
        }
        Instant resumed = Instant.now();
        // leadership regained: the Lease is renewed again after the API came back (lease 6 s, retry 1 s)
        run.check(() -> eventually("the Lease's renewTime advances after the API is back", Duration.ofSeconds(30),
                () -> assertThat(Probes.renewTime(probes.lease())).isAfter(resumed)));
        run.finish(null);
    }

    // ------------------------------------------------------------------ kubelets

    @Test
    @Order(7)
    void kubeletHanging() throws Exception {
        kubeletFault("NO_ANSWER", "a kubelet hanging (accepts, never answers)");
    }

    @Test
    @Order(8)
    void kubeletAnsweringGarbage() throws Exception {
        kubeletFault("MALFORMED_BODY", "a kubelet answering garbage (truncated body)");
    }

    @Test
    @Order(9)
    void kubeletAnsweringTwentyMebibytes() throws Exception {
        kubeletFault("OVERSIZED_BODY", "a kubelet answering 20 MiB");
    }

    private void kubeletFault(String behaviour, String fault) throws Exception {
        FaultRun run = new FaultRun(fault + " (sim-node-2)", "until its metrics are gone");
        Instant start = Instant.now();
        stack.put(SIMULATOR, "/simulator/nodes/sim-node-2/kubelet", "{\"behaviour\": \"" + behaviour + "\"}");
        try {
            run.check(() -> eventually("only sim-node-2's metrics go missing, the other nodes stay fresh",
                    Duration.ofSeconds(45), () -> {
                        Map<String, JsonNode> served = probes.servedNodes();
                        assertThat(served).as("served nodes").doesNotContainKey("sim-node-2");
                        for (String n : new String[] {"sim-node-0", "sim-node-1"}) {
                            assertThat(served).containsKey(n);
                            assertThat(Probes.timestamp(served.get(n))).as(n).isAfter(start);
                        }
                        assertThat(probes.status(Probes.HEALTH.get("collector-service"))).isEqualTo(200);
                    }));
        } finally {
            stack.put(SIMULATOR, "/simulator/nodes/sim-node-2/kubelet", "{\"behaviour\": \"NORMAL\"}");
        }
        run.finish(null);
    }

    // ------------------------------------------------------------------ poison

    @Test
    @Order(10)
    void poisonRecordsOnEveryTopic() throws Exception {
        FaultRun run = new FaultRun("poison records on node-scrapes, scaling-decisions, custom-samples", "one burst");
        Poison poison = new Poison(topics, OWN);
        double malformedBefore = customDropped("malformed");
        double futureBefore = customDropped("future_time");
        poison.publishAll();
        Instant published = Instant.now();
        run.check(() -> poison.assertDeadLettered(Duration.ofSeconds(60)));
        run.check(() -> eventually("metrics-api refused and counted the custom-samples poison",
                Duration.ofSeconds(30), () -> {
                    assertThat(customDropped("malformed") - malformedBefore).as("malformed").isGreaterThanOrEqualTo(1);
                    // year 10000 and 2030
                    assertThat(customDropped("future_time") - futureBefore).as("future_time").isGreaterThanOrEqualTo(2);
                }));
        run.check(() -> eventually("the far-future scrape of sim-node-0 does not pin the metrics API",
                Duration.ofSeconds(30), () -> {
                    JsonNode n = probes.servedNodes().get("sim-node-0");
                    assertThat(n).as("sim-node-0 served").isNotNull();
                    assertThat(Probes.timestamp(n)).as("sim-node-0's timestamp").isAfter(published)
                            .isBefore(Instant.now().plusSeconds(60));
                    assertThat(Probes.cpuMillis(n)).as("sim-node-0's CPU (m)").isLessThan(3999);
                }));
        run.finish(poison.outcomes());
    }

    /** metrics-api's count of custom samples it refused for a reason (its management port's /q/metrics). */
    private static double customDropped(String reason) throws Exception {
        String label = "reason=\"" + reason + "\"";
        return probes.body(Probes.METRICS_API_METRICS).lines()
                .filter(l -> l.startsWith("scalebus_metrics_api_custom_samples_dropped_total{") && l.contains(label))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    // ------------------------------------------------------------------ replicas

    @Test
    @Order(11)
    void twoReplicasOfAutoscalerAndHistoryLeaderMovesWhenKilled() throws Exception {
        FaultRun run = new FaultRun("2 replicas each of autoscaler and history; the leading autoscaler killed",
                "kill -9");
        // HTTP port, then management port (/q/health): neither may be a module's @QuarkusTest port (1908x)
        Stack.Result h = stack.scalebus(ENV, Duration.ofMinutes(4), "replica", "history-service", "18084", "18094");
        Stack.Result a = stack.scalebus(ENV, Duration.ofMinutes(4), "replica", "autoscaler-service", "18083", "18093");
        run.check(() -> assertThat(h.ok()).as("%s", h).isTrue());
        run.check(() -> assertThat(a.ok()).as("%s", a).isTrue());
        rollupWindowStart = Instant.now();
        rollupCallsAtStart = rollupCalls();
        AtomicReference<String> holder = new AtomicReference<>();
        eventually("a Lease holder", Duration.ofSeconds(30),
                () -> holder.set(probes.lease().path("spec").path("holderIdentity").asText()));
        String killed = probes.body(Probes.AUTOSCALER_HEALTH).contains(holder.get())
                ? "autoscaler-service" : "autoscaler-service@18083";
        Signals.kill9(Signals.pid(root.resolve(".scalebus/up/" + killed + ".pid")));
        Instant killedAt = Instant.now();
        run.check(() -> eventually("the Lease moves to the other replica", Duration.ofSeconds(30), () -> {
            JsonNode lease = probes.lease();
            assertThat(lease.path("spec").path("holderIdentity").asText()).isNotEqualTo(holder.get());
            assertThat(Probes.renewTime(lease)).isAfter(killedAt);
        }));
        run.check(() -> eventually("decisions continue from the new leader", Duration.ofSeconds(60),
                () -> assertThat(probes.storedDecisionsAfter(killedAt)).isPositive()));
        Stack.Result back = stack.scalebus(ENV, Duration.ofMinutes(4), "restart", killed);
        run.check(() -> assertThat(back.ok()).as("%s", back).isTrue());
        run.finish(null);
    }

    // ------------------------------------------------------------------ services killed

    @Test
    @Order(12)
    void collectorKilledAndRestarted() throws Exception {
        serviceKilled("collector-service");
    }

    @Test
    @Order(13)
    void metricsApiKilledAndRestarted() throws Exception {
        serviceKilled("metrics-api-service");
    }

    @Test
    @Order(14)
    void autoscalerKilledAndRestarted() throws Exception {
        serviceKilled("autoscaler-service");
    }

    @Test
    @Order(15)
    void historyKilledAndRestarted() throws Exception {
        serviceKilled("history-service");
    }

    private void serviceKilled(String service) throws Exception {
        FaultRun run = new FaultRun(service + " killed (kill -9) mid-load, ./scalebus restart", "restart");
        Signals.kill9(Signals.pid(root.resolve(".scalebus/up/" + service + ".pid")));
        Stack.Result restart = stack.scalebus(ENV, Duration.ofMinutes(4), "restart", service);
        run.check(() -> assertThat(restart.ok()).as("%s", restart).isTrue());
        run.finish(null);
    }

    @Test
    @Order(16)
    void rollupsRanOnceAcrossTwoHistoryReplicas() throws Exception {
        FaultRun run = new FaultRun("rollups with 2 history replicas", "since the replica started");
        long calls = rollupCalls() - rollupCallsAtStart;
        double minutes = Duration.between(rollupWindowStart, Instant.now()).toSeconds() / 60.0;
        run.check(() -> assertThat(rollupCallsAtStart).as("rollup counter read at replica start").isNotNegative());
        // one runner rolls up every minute: about one INSERT INTO container_rollups a minute, two runners twice that
        run.check(() -> assertThat(calls / minutes).as("container rollup runs per minute over %.1f min (%d runs)",
                minutes, calls).isLessThanOrEqualTo(1.5));
        run.row.duration = String.format("%.1f min, %d rollup runs", minutes, calls);
        run.finish(null);
    }

    // ------------------------------------------------------------------ clock skew

    @Test
    @Order(17)
    void kubeletClocksSixtySecondsAhead() throws Exception {
        clockSkew(60);
    }

    @Test
    @Order(18)
    void kubeletClocksSixtySecondsBehind() throws Exception {
        clockSkew(-60);
    }

    private void clockSkew(int seconds) throws Exception {
        FaultRun run = new FaultRun("kubelet clocks " + (seconds > 0 ? "+" : "") + seconds + " s (collector skew)",
                "20 s");
        stack.put(SIMULATOR, "/simulator/kubelet-clock-offset", "{\"seconds\": " + seconds + "}");
        try {
            hold(Duration.ofSeconds(20), "the skew lasts 20 s");
            // whatever is served meanwhile is sane: CPU within the node's 4 cores
            run.check(() -> assertThat(probes.servedNodes().values()).allSatisfy(
                    n -> assertThat(Probes.cpuMillis(n)).isBetween(0.0, 4000.0)));
        } finally {
            stack.put(SIMULATOR, "/simulator/kubelet-clock-offset", "{\"seconds\": 0}");
        }
        Instant reset = Instant.now();
        run.check(() -> eventually("no node pinned at its skewed time once the clocks are right",
                Duration.ofSeconds(20), () -> assertThat(probes.servedNodes()).hasSize(3).allSatisfy((name, n) -> {
                    assertThat(Probes.timestamp(n)).as(name).isAfter(reset.minusSeconds(1))
                            .isBefore(Instant.now().plusSeconds(5));
                })));
        run.finish(null);
    }

    // ------------------------------------------------------------------ the common part of every fault

    /** One fault's run: its window, the failures seen, then recovery and the ledger of its window. */
    final class FaultRun {
        final ReliabilityReport.Row row;
        final Instant from = Instant.now();

        FaultRun(String fault, String duration) {
            row = REPORT.row(fault);
            row.duration = duration;
        }

        void check(ThrowingRunnable check) {
            try {
                check.run();
            } catch (Throwable t) {
                row.failures.add(firstLines(t));
            }
        }

        /**
         * Awaits recovery by itself; failing that, plays the supervisor (a kubelet's livenessProbe): restarts what
         * exited or reports not live, which is recovery by the rules of issue 14, and awaits recovery again. A stack
         * that does not work while every liveness says 200 is "UP but dead": a failure, and then all four are
         * restarted so the next fault starts from a working stack. Then counts the window; fails on any failure.
         */
        void finish(String notes) throws Exception {
            Instant end = Instant.now();
            try {
                eventually("recovered by itself", SELF_RECOVERY_LIMIT, () -> assertRecovered(end));
                row.recovery = Duration.between(end, Instant.now());
            } catch (AssertionError e) {
                List<String> restart = probes.notLive(root.resolve(".scalebus/up"));
                if (restart.isEmpty()) {
                    row.failures.add("UP but dead: " + firstLines(e) + " while every liveness answers 200; health "
                            + probes.health());
                    restart = List.copyOf(Probes.LIVENESS.keySet());
                } else {
                    row.notes += "not recovered by itself within " + SELF_RECOVERY_LIMIT.toSeconds() + " s ("
                            + firstLines(e) + "); " + restart + " not live, restarted as a supervisor would; ";
                }
                for (String service : restart) {
                    stack.scalebus(ENV, Duration.ofMinutes(4), "restart", service);
                }
                try {
                    eventually("recovered after the restarts", RECOVERY_LIMIT, () -> assertRecovered(end));
                    row.recovery = Duration.between(end, Instant.now());
                } catch (AssertionError e2) {
                    row.failures.add(firstLines(e2) + " health " + probes.health());
                }
            }
            Instant to = Instant.now().minusSeconds(5);
            AtomicReference<Ledger.Counts> counts = new AtomicReference<>();
            check(() -> eventually("history stored what was published in the window", Duration.ofSeconds(60), () -> {
                counts.set(ledger.count(from, to, OWN));
                assertThat(counts.get().samplesStored()).as("samples stored of %s", counts.get())
                        .isEqualTo(counts.get().samplesPublished());
                assertThat(counts.get().decisionsStored()).as("decisions stored of %s", counts.get())
                        .isEqualTo(counts.get().decisionsMade());
            }));
            Ledger.Counts c = counts.get();
            if (c != null) {
                row.samplesPublished = c.samplesPublished();
                row.samplesStored = c.samplesStored();
                row.decisionsMade = c.decisionsMade();
                row.decisionsStored = c.decisionsStored();
                row.duplicates = c.duplicates();
                check(() -> assertThat(c.duplicates()).as("decisions stored twice").isZero());
                check(() -> assertThat(c.deadLettered()).as("records of the stack dead-lettered (the database would"
                        + " have accepted them)").isZero());
            }
            if (notes != null) {
                row.notes += notes;
            }
            row.passed = row.failures.isEmpty();
            if (!row.passed) {
                fail(row.fault + ":\n- " + String.join("\n- ", row.failures) + stack.logTails(25));
            }
        }
    }

    /** The stack works again: fresh samples of every node stored and served, a newer decision stored, health 200. */
    static void assertRecovered(Instant after) throws Exception {
        Map<String, Instant> stored = probes.newestStoredSamples();
        for (String node : Probes.NODES) {
            assertThat(stored.get(node)).as("history's newest sample of %s", node).isNotNull().isAfter(after);
        }
        Map<String, JsonNode> served = probes.servedNodes();
        for (String node : Probes.NODES) {
            assertThat(served).as("metrics API").containsKey(node);
            assertThat(Probes.timestamp(served.get(node))).as("served timestamp of %s", node).isAfter(after);
        }
        assertThat(probes.storedDecisionsAfter(after)).as("decisions stored since %s", after).isPositive();
        assertThat(probes.health()).as("health").allSatisfy((name, status) -> assertThat(status).as(name).isEqualTo(200));
    }

    /**
     * A fault that must LAST for {@code duration}; all the while no service process may exit (a failing broker,
     * database, API server or kubelet clock takes down no more than its own part: the services wait it out).
     */
    private static void hold(Duration duration, String why) {
        Path up = root.resolve(".scalebus/up");
        Awaitility.await(why + ", every service process running throughout").during(duration)
                .atMost(duration.plusSeconds(10)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(probes.exited(up)).as("services that exited").isEmpty());
    }

    private static void flipLoad() {
        try {
            boolean burst = !BURST.get();
            stack.put(SIMULATOR, "/simulator/deployments/yuchao/eladmin-web/load",
                    "{\"requestsPerSecond\": " + (burst ? 400 : 0) + "}");
            BURST.set(burst);
        } catch (Exception e) {
            // the simulator may be paused or down: the next flip tries again
        }
    }

    /** hpa-eladmin-web follows the load down at once (no stabilization, 100 % per 5 s), so decisions keep coming. */
    private static void fastScaleDown() throws Exception {
        String path = "/apis/autoscaling.scalebus.dev/v1/namespaces/yuchao/horizontalautoscalers/hpa-eladmin-web";
        Stack.Result get = stack.kubectl("get", "--raw", path);
        assertThat(get.ok()).as("%s", get).isTrue();
        ObjectNode ha = (ObjectNode) Stack.JSON.readTree(get.output());
        ((ObjectNode) ha.path("spec")).set("behavior", Stack.JSON.readTree("{\"scaleDown\":{"
                + "\"stabilizationWindowSeconds\":0,\"policies\":[{\"type\":\"Percent\",\"value\":100,\"periodSeconds\":5}]}}"));
        Stack.Result server = stack.kubectl("config", "view", "-o", "jsonpath={.clusters[0].cluster.server}");
        HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.output().trim() + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(ha.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).as("PUT of the faster behavior: %s", put.body()).isBetween(200, 299);
    }

    private static long rollupCalls() {
        try {
            return pg.superuserLong("SELECT coalesce(sum(calls), 0) FROM pg_stat_statements WHERE query ILIKE"
                    + " '%INSERT INTO container_rollups%'");
        } catch (Exception e) {
            return -1;
        }
    }

    static void eventually(String what, Duration atMost, ThrowingRunnable assertion) {
        Map<String, Throwable> last = new HashMap<>();
        try {
            Awaitility.await(what).atMost(atMost).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .untilAsserted(() -> {
                        try {
                            assertion.run();
                        } catch (Throwable t) {
                            // Awaitility interrupts the evaluation that runs at the deadline: keep the failure before
                            if (!interruption(t) || !last.containsKey("last")) {
                                last.put("last", t);
                            }
                            throw t;
                        }
                    });
        } catch (ConditionTimeoutException e) {
            Throwable cause = last.get("last");
            throw new AssertionError("not within " + atMost.toSeconds() + " s: " + what
                    + (cause == null ? "" : "; last failure: " + firstLines(cause)));
        }
    }

    /** An InterruptedException, or a client's wrapper of one (Kafka's InterruptException, a JDBC error). */
    private static boolean interruption(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof InterruptedException || c.getClass().getSimpleName().contains("Interrupt")) {
                return true;
            }
        }
        return false;
    }

    static String firstLines(Throwable t) {
        String m = String.valueOf(t.getMessage()).strip();
        String[] lines = m.split("\n");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(lines.length, 6); i++) {
            out.append(i == 0 ? "" : " ").append(lines[i].strip());
        }
        return out.length() > 600 ? out.substring(0, 600) + "..." : out.toString();
    }
}
