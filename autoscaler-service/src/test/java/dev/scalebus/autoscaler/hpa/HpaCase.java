package dev.scalebus.autoscaler.hpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebus.events.Quantity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fixture of upstream horizontal_test.go's {@code testCase}, expressed as Evaluator input: pods test-pod-N with
 * two containers splitting the request, per-container usage of level/2, the test tolerance 0.1, CPU initialization
 * 2 min, readiness delay 10 s and scaleUpLimitFactor 8 (upstream sets it in init()).
 */
final class HpaCase {

    static final Instant NOW = Instant.parse("2026-11-22T01:00:00Z");
    static final ControllerSettings TEST_SETTINGS = new ControllerSettings(0.1, Duration.ofMinutes(2),
            Duration.ofSeconds(10), Duration.ofMinutes(5), 8.0, 4.0);

    int minReplicas;
    int maxReplicas;
    int specReplicas;
    int statusReplicas;
    Behavior.ScalingRules scaleUpRules;
    Behavior.ScalingRules scaleDownRules;
    int cpuTarget;
    long[] reportedLevels = {};
    String[] reportedCpuRequests;
    Boolean[] podReadiness;
    Instant[] podStartTime;
    String[] podPhase;
    boolean[] podDeletion;
    List<MetricSpec> metricsTarget = new ArrayList<>();
    List<History.Recommendation> recommendations; // null: first seen, seeded with current replicas
    List<History.ScaleEvent> scaleUpEvents = List.of();
    List<History.ScaleEvent> scaleDownEvents = List.of();
    String selector = "name=test-pod";
    List<String> otherSelectors = List.of();
    Map<String, String> podLabels = Map.of("name", "test-pod");
    String scaleError;
    String updateError;
    String metricsError;
    String externalError;
    HpaStatus previousStatus;
    Instant lastScaleTime;
    ControllerSettings settings = TEST_SETTINGS;

    static Instant hot() {
        return NOW;
    }

    static Instant cool() {
        return NOW.minus(Duration.ofMinutes(3));
    }

    static Quantity q(String s) {
        return Quantity.parse(s);
    }

    static Quantity milli(long m) {
        return Quantity.ofMilliCores(m);
    }

    HpaSpec spec() {
        List<MetricSpec> metrics = new ArrayList<>();
        if (cpuTarget > 0) {
            metrics.add(MetricSpec.resource("cpu", MetricSpec.MetricTarget.utilization(cpuTarget)));
        }
        metrics.addAll(metricsTarget);
        if (metrics.isEmpty()) {
            metrics.add(MetricSpec.resource("cpu", null)); // as upstream's fixture: cpu without a target
        }
        Behavior behavior = scaleUpRules != null || scaleDownRules != null
                ? new Behavior(scaleUpRules, scaleDownRules) : null;
        return new HpaSpec(new HpaSpec.TargetRef("v1", "ReplicationController", "test-rc"), minReplicas,
                maxReplicas, metrics, behavior);
    }

    List<PodInfo> pods() {
        int n = reportedCpuRequests != null ? reportedCpuRequests.length : statusReplicas;
        List<PodInfo> pods = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long request = reportedCpuRequests != null ? q(reportedCpuRequests[i]).milliValue() : 1000;
            Instant start = podStartTime != null ? podStartTime[i] : PodGroups.ZERO_TIME;
            List<PodInfo.ContainerInfo> containers = List.of(
                    new PodInfo.ContainerInfo("container1", false, false, Map.of("cpu", milli(request / 2))),
                    new PodInfo.ContainerInfo("container2", false, false, Map.of("cpu", milli(request / 2))));
            pods.add(new PodInfo("test-pod-" + i, podPhase != null ? podPhase[i] : "Running",
                    podReadiness != null ? podReadiness[i] : Boolean.TRUE, start, start,
                    podDeletion != null && podDeletion[i], podLabels, containers));
        }
        return pods;
    }

    MetricReads reads() {
        List<MetricReads.PodUsage> usage = new ArrayList<>();
        Map<String, Quantity> podValues = new java.util.HashMap<>();
        List<Quantity> series = new ArrayList<>();
        for (int i = 0; i < reportedLevels.length; i++) {
            long level = reportedLevels[i];
            Map<String, Quantity> u = Map.of("cpu", milli(level / 2), "memory", Quantity.ofBytes(1024 * 1024 / 2));
            usage.add(new MetricReads.PodUsage("test-pod-" + i, NOW, Duration.ofMinutes(1),
                    List.of(new MetricReads.ContainerUsage("container1", u),
                            new MetricReads.ContainerUsage("container2", u))));
            podValues.put("test-pod-" + i, milli(level));
            series.add(milli(level));
        }
        MetricReads.ResourceRead resource = new MetricReads.ResourceRead(usage, metricsError);
        MetricReads.ValueRead object = new MetricReads.ValueRead(
                reportedLevels.length > 0 ? milli(reportedLevels[0]) : null, NOW, metricsError);
        return new MetricReads(resource, Map.of("qps", new MetricReads.PodsRead(podValues, NOW, metricsError)),
                Map.of("qps", object), Map.of("qps", new MetricReads.SeriesRead(series, NOW,
                        externalError != null ? externalError : metricsError)));
    }

    Evaluation.Result run() {
        HpaStatus prev = previousStatus != null ? previousStatus
                : new HpaStatus(specReplicas, specReplicas, List.of(), List.of(), lastScaleTime);
        History history = recommendations == null && scaleUpEvents.isEmpty() && scaleDownEvents.isEmpty() ? null
                : new History(recommendations == null ? List.of() : recommendations, scaleUpEvents, scaleDownEvents);
        ScaleView scale = scaleError != null ? null : new ScaleView(specReplicas, statusReplicas, selector);
        Evaluation.Input in = new Evaluation.Input(spec(), prev, history, scale, scaleError, pods(), reads(),
                otherSelectors, settings, NOW);
        return Evaluator.evaluate(in, replicas -> updateError);
    }

    /** Runs and checks as upstream's verifyResults: desired replicas, scale written iff changed, conditions. */
    Evaluation.Result expect(int desired, String... conditions) {
        Evaluation.Result r = run();
        assertThat(r.desiredReplicas()).as("desired replicas").isEqualTo(desired);
        if (updateError == null) {
            assertThat(r.scaled()).as("scale updated").isEqualTo(specReplicas != desired);
        }
        List<String> expected = conditions.length == 0 ? STATUS_OK : List.of(conditions);
        assertThat(r.conditions().stream().map(c -> c.type() + "/" + c.status() + "/" + c.reason()).toList())
                .as("conditions").isEqualTo(expected);
        return r;
    }

    static final List<String> STATUS_OK = List.of("AbleToScale/True/SucceededRescale",
            "ScalingActive/True/ValidMetricFound", "ScalingLimited/False/DesiredWithinRange");

    /** statusOkWithOverrides. */
    static String[] ok(String... overrides) {
        List<String> out = new ArrayList<>(STATUS_OK);
        for (String o : overrides) {
            String type = o.substring(0, o.indexOf('/'));
            for (int i = 0; i < out.size(); i++) {
                if (out.get(i).startsWith(type + "/")) {
                    out.set(i, o);
                }
            }
        }
        return out.toArray(String[]::new);
    }

    static String[] reqs(String... r) {
        return r;
    }

    static Behavior.ScalingRules rules(int pods, int podsPeriod, int percent, int percentPeriod, int window) {
        List<Behavior.ScalingPolicy> policies = new ArrayList<>();
        if (pods != 0) {
            policies.add(new Behavior.ScalingPolicy("Pods", pods, podsPeriod));
        }
        if (percent != 0) {
            policies.add(new Behavior.ScalingPolicy("Percent", percent, percentPeriod));
        }
        return new Behavior.ScalingRules(window, "Max", policies.isEmpty() ? null : policies, null);
    }

    /** generateEventsUniformDistribution, placed 1 ms further back as Go's clock has moved on by evaluation. */
    static List<History.ScaleEvent> events(int periodSeconds, int... changes) {
        List<History.ScaleEvent> out = new ArrayList<>();
        double segment = (double) periodSeconds / changes.length;
        for (int i = 0; i < changes.length; i++) {
            double ageSeconds = periodSeconds - segment * (i + 1) + segment / 2;
            out.add(new History.ScaleEvent(changes[i],
                    NOW.minusMillis((long) ageSeconds * 1000 + 1), false));
        }
        return out;
    }
}
