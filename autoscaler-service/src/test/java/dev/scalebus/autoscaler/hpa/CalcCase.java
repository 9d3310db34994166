package dev.scalebus.autoscaler.hpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebus.events.Quantity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fixture of upstream replica_calculator_test.go's {@code replicaCalcTestCase}, run through {@link Evaluator}:
 * pods test-pod-N with two containers each requesting the pod's request, each container using the level, a
 * Ready condition without transition time and a zero start time unless given, metrics at the test timestamp.
 * The check is on the metric's own proposal and reported value, before normalization.
 */
final class CalcCase {

    enum Kind { RESOURCE, PODS, OBJECT, OBJECT_PER_POD, EXTERNAL, EXTERNAL_PER_POD }

    int currentReplicas;
    Kind kind = Kind.RESOURCE;
    String resource = "cpu";
    String[] requests = {};
    long[] levels = {};
    String[] podNames;
    int targetUtilization;
    long targetMilli;
    Boolean[] podReadiness;
    Instant[] podStartTime;
    String[] podPhase;
    boolean[] podDeletion;
    Instant timestamp = PodGroups.ZERO_TIME;

    static Instant hot() {
        return HpaCase.NOW;
    }

    static Instant cool() {
        return HpaCase.NOW.minus(Duration.ofMinutes(3));
    }

    List<PodInfo> pods() {
        int n = Math.max(currentReplicas, podPhase == null ? 0 : podPhase.length);
        List<PodInfo> pods = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Quantity> req = i < requests.length ? Map.of(resource, Quantity.parse(requests[i])) : Map.of();
            pods.add(new PodInfo("test-pod-" + i, podPhase != null ? podPhase[i] : "Running",
                    podReadiness != null && i < podReadiness.length ? podReadiness[i] : Boolean.TRUE, null,
                    podStartTime != null ? podStartTime[i] : PodGroups.ZERO_TIME,
                    podDeletion != null && podDeletion[i], Map.of("name", "test-pod"),
                    List.of(new PodInfo.ContainerInfo("container0", false, false, req),
                            new PodInfo.ContainerInfo("container1", false, false, req))));
        }
        return pods;
    }

    MetricReads reads() {
        List<MetricReads.PodUsage> usage = new ArrayList<>();
        Map<String, Quantity> values = new HashMap<>();
        List<Quantity> series = new ArrayList<>();
        for (int i = 0; i < levels.length; i++) {
            String pod = podNames != null && i < podNames.length ? podNames[i] : "test-pod-" + i;
            Map<String, Quantity> u = Map.of(resource, Quantity.ofMilliCores(levels[i]));
            usage.add(new MetricReads.PodUsage(pod, timestamp, Duration.ofMinutes(1),
                    List.of(new MetricReads.ContainerUsage("container0", u),
                            new MetricReads.ContainerUsage("container1", u))));
            values.put("test-pod-" + i, Quantity.ofMilliCores(levels[i]));
            series.add(Quantity.ofMilliCores(levels[i]));
        }
        return new MetricReads(new MetricReads.ResourceRead(usage, null),
                Map.of("qps", new MetricReads.PodsRead(values, timestamp, null)),
                Map.of("qps", new MetricReads.ValueRead(levels.length > 0 ? Quantity.ofMilliCores(levels[0]) : null,
                        timestamp, null)),
                Map.of("qps", new MetricReads.SeriesRead(series, timestamp, null)));
    }

    MetricSpec metric() {
        Quantity target = Quantity.ofMilliCores(targetMilli);
        HpaSpec.TargetRef deployment = new HpaSpec.TargetRef("apps/v1", "Deployment", "some-deployment");
        MetricSpec.LabelSelector selector = new MetricSpec.LabelSelector(Map.of("label", "value"), null);
        return switch (kind) {
            case RESOURCE -> targetUtilization > 0
                    ? MetricSpec.resource(resource, MetricSpec.MetricTarget.utilization(targetUtilization))
                    : MetricSpec.resource(resource, MetricSpec.MetricTarget.averageValue(target));
            case PODS -> MetricSpec.pods("qps", MetricSpec.MetricTarget.averageValue(target));
            case OBJECT -> MetricSpec.object(deployment, "qps", MetricSpec.MetricTarget.value(target));
            case OBJECT_PER_POD -> MetricSpec.object(deployment, "qps", MetricSpec.MetricTarget.averageValue(target));
            case EXTERNAL -> MetricSpec.external("qps", selector, MetricSpec.MetricTarget.value(target));
            case EXTERNAL_PER_POD -> MetricSpec.external("qps", selector,
                    MetricSpec.MetricTarget.averageValue(target));
        };
    }

    MetricResult run() {
        HpaSpec spec = new HpaSpec(new HpaSpec.TargetRef("apps/v1", "Deployment", "d"), 0, 1000, List.of(metric()),
                null);
        Evaluation.Input in = new Evaluation.Input(spec, null, History.empty(),
                new ScaleView(currentReplicas, currentReplicas, "name=test-pod"), null, pods(), reads(), List.of(),
                HpaCase.TEST_SETTINGS, HpaCase.NOW);
        Evaluation.Result r = Evaluator.evaluate(in, replicas -> null);
        assertThat(r.metrics()).hasSize(1);
        return r.metrics().get(0);
    }

    /** Expects the proposal and the reported utilization (resource Utilization) and value in milli-units. */
    MetricResult expect(int replicas, Integer utilization, Long milliValue) {
        MetricResult m = run();
        assertThat(m.error()).as("error").isNull();
        assertThat(m.proposal()).as("replicas").isEqualTo(replicas);
        if (utilization != null) {
            assertThat(m.current().averageUtilization()).as("utilization").isEqualTo(utilization);
        }
        if (milliValue != null) {
            Quantity v = m.current().averageValue() != null ? m.current().averageValue() : m.current().value();
            assertThat(v.milliValue()).as("value").isEqualTo(milliValue);
        }
        return m;
    }

    void expectError(String fragment) {
        MetricResult m = run();
        assertThat(m.error()).as("error").contains(fragment);
    }
}
