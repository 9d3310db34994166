package dev.scalebus.autoscaler.hpa;

import static dev.scalebus.autoscaler.hpa.HpaCase.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebus.events.Quantity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Behaviour from hpa-semantics.md not covered by an upstream case: sequences over time, sidecars, tolerances. */
class CoreBehaviourTest {

    static PodInfo pod(String name, PodInfo.ContainerInfo... containers) {
        return new PodInfo(name, "Running", true, PodGroups.ZERO_TIME, PodGroups.ZERO_TIME, false, null,
                List.of(containers));
    }

    static PodInfo.ContainerInfo c(String name, String cpu) {
        return new PodInfo.ContainerInfo(name, false, false, Map.of("cpu", Quantity.parse(cpu)));
    }

    static MetricReads cpu(Instant at, Map<String, String> usageByPod) {
        List<MetricReads.PodUsage> pods = new ArrayList<>();
        usageByPod.forEach((p, u) -> pods.add(new MetricReads.PodUsage(p, at, Duration.ofMinutes(1),
                List.of(new MetricReads.ContainerUsage("app", Map.of("cpu", Quantity.parse(u)))))));
        return new MetricReads(new MetricReads.ResourceRead(pods, null), null, null, null);
    }

    static HpaSpec spec(int target, Behavior behavior) {
        return new HpaSpec(new HpaSpec.TargetRef("apps/v1", "Deployment", "web"), 1, 10,
                List.of(MetricSpec.resource("cpu", MetricSpec.MetricTarget.utilization(target))), behavior);
    }

    @Test
    void restartableInitContainerRequestsCountButPlainInitContainersDoNot() {
        PodInfo p = new PodInfo("p", "Running", true, PodGroups.ZERO_TIME, PodGroups.ZERO_TIME, false, null, List.of(
                c("app", "100m"), new PodInfo.ContainerInfo("proxy", true, false, Map.of("cpu", Quantity.parse("100m"))),
                new PodInfo.ContainerInfo("migrate", false, true, Map.of())));
        // usage 200m over app only (the sidecar has no sample in this pod metrics: the pod is summed as given)
        Evaluation.Result r = Evaluator.evaluate(new Evaluation.Input(spec(50, null), null, History.empty(),
                new ScaleView(1, 1, "a=b"), null, List.of(p), cpu(NOW, Map.of("p", "200m")), null, null, NOW),
                x -> null);
        assertThat(r.metrics().get(0).current().averageUtilization()).isEqualTo(100); // 200m of 200m requested
        assertThat(r.desiredReplicas()).isEqualTo(2);
    }

    @Test
    void perDirectionToleranceFromBehaviorWidensTheDeadBand() {
        List<PodInfo> pods = List.of(pod("p0", c("app", "1")), pod("p1", c("app", "1")));
        MetricReads reads = cpu(NOW, Map.of("p0", "650m", "p1", "650m")); // 65%: 1.3 x a 50% target
        Behavior wide = new Behavior(new Behavior.ScalingRules(null, null, null, Quantity.parse("0.5")), null);
        Evaluation.Result withDefault = Evaluator.evaluate(new Evaluation.Input(spec(50, null), null,
                History.empty(), new ScaleView(2, 2, "a=b"), null, pods, reads, null, null, NOW), x -> null);
        Evaluation.Result withTolerance = Evaluator.evaluate(new Evaluation.Input(spec(50, wide), null,
                History.empty(), new ScaleView(2, 2, "a=b"), null, pods, reads, null, null, NOW), x -> null);
        assertThat(withDefault.desiredReplicas()).isEqualTo(3);
        assertThat(withTolerance.desiredReplicas()).isEqualTo(2);
    }

    @Test
    void legacyDownscaleIsHeldForTheWholeStabilizationWindow() {
        List<PodInfo> pods = List.of(pod("p0", c("app", "1")), pod("p1", c("app", "1")), pod("p2", c("app", "1")),
                pod("p3", c("app", "1")));
        Map<String, String> low = Map.of("p0", "100m", "p1", "100m", "p2", "100m", "p3", "100m");
        History history = null; // first seen: seeded with 4
        HpaStatus status = null;
        int[] expected = {4, 4, 4, 1};
        long[] minutes = {0, 2, 4, 6};
        for (int i = 0; i < minutes.length; i++) {
            Instant now = NOW.plus(Duration.ofMinutes(minutes[i]));
            Evaluation.Result r = Evaluator.evaluate(new Evaluation.Input(spec(80, null), status, history,
                    new ScaleView(4, 4, "a=b"), null, pods, cpu(now, low), null, null, now), x -> null);
            assertThat(r.desiredReplicas()).as("minute %d", minutes[i]).isEqualTo(expected[i]);
            history = r.history();
            status = r.status();
        }
    }

    @Test
    void scaleUpStabilizationWindowUsesTheLowestRecentRecommendation() {
        Behavior b = new Behavior(new Behavior.ScalingRules(120, null, null, null), null);
        List<PodInfo> pods = List.of(pod("p0", c("app", "1")));
        History history = History.empty();
        HpaStatus status = null;
        int current = 1;
        String[] usage = {"750m", "3", "3", "3"}; // 100% then 400% of a 75% target
        long[] seconds = {0, 30, 90, 150};
        int[] expected = {1, 1, 1, 4};
        for (int i = 0; i < usage.length; i++) {
            Instant now = NOW.plusSeconds(seconds[i]);
            Evaluation.Result r = Evaluator.evaluate(new Evaluation.Input(spec(75, b), status, history,
                    new ScaleView(current, current, "a=b"), null, pods, cpu(now, Map.of("p0", usage[i])), null, null,
                    now), x -> null);
            assertThat(r.desiredReplicas()).as("t=%ds", seconds[i]).isEqualTo(expected[i]);
            history = r.history();
            status = r.status();
        }
    }
}
