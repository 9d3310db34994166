package dev.scalebus.simulator.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeploymentWorkloadTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    /** 2 millicore-seconds per request, 1 idle, 300 while starting, 100 MiB + 1 KiB per rps. */
    private static final WorkloadSpec SPEC = new WorkloadSpec(2, 1, 300, 100L << 20, 1024, Duration.ofSeconds(10),
            Duration.ofSeconds(5));

    private static SimPod pod(DeploymentWorkload w, String name) {
        return new SimPod("ns", name, name, "node", Map.of(),
                List.of(new SimContainer("main", 100, 0, 0, T0), new SimContainer("sidecar", 10, 0, 0, T0)), T0, w);
    }

    @Test
    void loadIsSpreadOverReadyPodsOnly() {
        DeploymentWorkload w = new DeploymentWorkload("ns", "web", SPEC, new LoadProfile.Constant(100), T0, 1);
        SimPod a = pod(w, "a");
        SimPod b = pod(w, "b");
        w.addPod(a, T0);
        w.addPod(b, T0);
        w.markReady(a, T0);
        Instant t = T0.plusSeconds(1);
        // a serves all 100 rps: 1 + 100 * 2 = 201 millicores; b is still starting: 300 millicores, no traffic
        assertThat(a.sample(t).containers().get(0).cpuUsageNanoCores()).isEqualTo(201_000_000L);
        assertThat(b.sample(t).containers().get(0).cpuUsageNanoCores()).isEqualTo(300_000_000L);
        w.markReady(b, t);
        assertThat(a.sample(t).containers().get(0).cpuUsageNanoCores()).isEqualTo(101_000_000L);
        assertThat(b.sample(t).containers().get(0).cpuUsageNanoCores()).isEqualTo(101_000_000L);
        // sidecars idle
        assertThat(a.sample(t).containers().get(1).cpuUsageNanoCores()).isEqualTo(1_000_000L);
        w.markTerminating(b, t);
        assertThat(b.sample(t).containers().get(0).cpuUsageNanoCores()).isEqualTo(1_000_000L);
        assertThat(a.sample(t).containers().get(0).cpuUsageNanoCores()).isEqualTo(201_000_000L);
    }

    @Test
    void countersIntegrateTheRateOverWallTimeAcrossPodSetChanges() {
        DeploymentWorkload w = new DeploymentWorkload("ns", "web", SPEC, new LoadProfile.Constant(100), T0, 1);
        SimPod a = pod(w, "a");
        w.addPod(a, T0);
        w.markReady(a, T0);
        // 10 s at 201 millicores = 2.01 core-seconds
        assertThat(a.sample(T0.plusSeconds(10)).containers().get(0).cpuUsageCoreNanoSeconds())
                .isCloseTo(2_010_000_000L, within(1_000L));
        SimPod b = pod(w, "b");
        w.addPod(b, T0.plusSeconds(10));
        w.markReady(b, T0.plusSeconds(10));
        // then 10 s at 101 millicores
        assertThat(a.sample(T0.plusSeconds(20)).containers().get(0).cpuUsageCoreNanoSeconds())
                .isCloseTo(3_020_000_000L, within(1_000L));
    }

    @Test
    void timeCompressionSpeedsUpTheProfileNotTheCounters() {
        LoadProfile step = new LoadProfile.Step(List.of(new LoadProfile.Point(0, 0), new LoadProfile.Point(600, 500)));
        DeploymentWorkload w = new DeploymentWorkload("ns", "web", SPEC, step, T0, 60);
        assertThat(w.requestsPerSecond(T0.plusSeconds(9))).isZero();
        assertThat(w.requestsPerSecond(T0.plusSeconds(10))).isEqualTo(500);
        SimPod a = pod(w, "a");
        w.addPod(a, T0);
        w.markReady(a, T0);
        // 10 wall seconds at 1 millicore, then 10 at 1001 millicores
        assertThat(a.sample(T0.plusSeconds(20)).containers().get(0).cpuUsageCoreNanoSeconds())
                .isCloseTo(10_020_000_000L, within(1_000L));
    }

    @Test
    void memoryGrowsWithTheRequestsAPodServes() {
        DeploymentWorkload w = new DeploymentWorkload("ns", "web", SPEC, new LoadProfile.Constant(1000), T0, 1);
        SimPod a = pod(w, "a");
        w.addPod(a, T0);
        assertThat(a.sample(T0).containers().get(0).memoryWorkingSetBytes()).isEqualTo(100L << 20);
        w.markReady(a, T0);
        assertThat(a.sample(T0).containers().get(0).memoryWorkingSetBytes()).isEqualTo((100L << 20) + 1000 * 1024);
    }

    @Test
    void restartResetsTheContainerCounterButNotThePods() {
        DeploymentWorkload w = new DeploymentWorkload("ns", "web", SPEC, new LoadProfile.Constant(0), T0, 1);
        SimPod a = pod(w, "a");
        w.addPod(a, T0);
        w.markReady(a, T0);
        Instant t = T0.plusSeconds(100);
        PodUsage before = a.sample(t);
        a.restartContainer("main", t);
        PodUsage after = a.sample(t.plusSeconds(1));
        assertThat(after.containers().get(0).cpuUsageCoreNanoSeconds()).isEqualTo(1_000_000L);
        assertThat(after.containers().get(0).startTime()).isEqualTo(t);
        assertThat(after.cpuUsageCoreNanoSeconds()).isGreaterThan(before.cpuUsageCoreNanoSeconds());
    }

    @Test
    void cpuLimitCapsUsage() {
        DeploymentWorkload w = new DeploymentWorkload("ns", "web", SPEC, new LoadProfile.Constant(1000), T0, 1);
        SimPod a = new SimPod("ns", "a", "a", "node", Map.of(), List.of(new SimContainer("main", 100, 500, 0, T0)),
                T0, w);
        w.addPod(a, T0);
        w.markReady(a, T0);
        assertThat(a.sample(T0.plusSeconds(2)).cpuUsageNanoCores()).isEqualTo(500_000_000L);
        assertThat(a.sample(T0.plusSeconds(2)).cpuUsageCoreNanoSeconds()).isCloseTo(1_000_000_000L, within(1_000L));
    }

    @Test
    void requestsAreCountedFromReadyOnlyAndSumToTheDeploymentRate() {
        DeploymentWorkload w = new DeploymentWorkload("ns", "web", SPEC, new LoadProfile.Constant(100), T0, 1);
        SimPod a = pod(w, "a");
        SimPod b = pod(w, "b");
        w.addPod(a, T0);
        w.addPod(b, T0);
        w.markReady(a, T0.plusSeconds(10));
        // b starts serving 10 s later: until then a serves all 100 rps
        w.markReady(b, T0.plusSeconds(20));
        Instant t = T0.plusSeconds(40);
        double servedA = a.containers().get(0).requestStats(a, t).requests();
        double servedB = b.containers().get(0).requestStats(b, t).requests();
        assertThat(servedA).isCloseTo(10 * 100 + 20 * 50, within(1e-6));
        assertThat(servedB).isCloseTo(20 * 50, within(1e-6));
        assertThat(servedA + servedB).isCloseTo(30 * 100, within(1e-6));
        // sidecars serve nothing
        assertThat(a.containers().get(1).requestStats(a, t).requests()).isZero();
    }

    @Test
    void latencyHistogramCountsEveryRequestAndSlowsDownWithUtilization() {
        DeploymentWorkload w = new DeploymentWorkload("ns", "web", SPEC, new LoadProfile.Constant(10), T0, 1);
        SimPod a = pod(w, "a");
        w.addPod(a, T0);
        w.markReady(a, T0);
        RequestCounters.Stats light = a.containers().get(0).requestStats(a, T0.plusSeconds(10));
        double[] buckets = light.cumulativeBuckets();
        for (int i = 1; i < buckets.length; i++) {
            assertThat(buckets[i]).isGreaterThanOrEqualTo(buckets[i - 1]);
        }
        assertThat(buckets[buckets.length - 1]).isCloseTo(light.requests(), within(1e-6));
        // 10 rps x 2 millicore-seconds + 1 idle = 21m of a 100m request: mean 20 ms x 1.21
        assertThat(light.latencySumSeconds() / light.requests()).isCloseTo(0.02 * 1.21, within(1e-9));

        w.setProfile(new LoadProfile.Constant(100), T0.plusSeconds(10));
        RequestCounters.Stats heavy = a.containers().get(0).requestStats(a, T0.plusSeconds(20));
        double heavyMean = (heavy.latencySumSeconds() - light.latencySumSeconds()) / (heavy.requests() - light.requests());
        assertThat(heavyMean).isCloseTo(0.02 * 3.01, within(1e-9));
    }

    @Test
    void restartResetsTheRequestCounter() {
        DeploymentWorkload w = new DeploymentWorkload("ns", "web", SPEC, new LoadProfile.Constant(10), T0, 1);
        SimPod a = pod(w, "a");
        w.addPod(a, T0);
        w.markReady(a, T0);
        assertThat(a.containers().get(0).requestStats(a, T0.plusSeconds(10)).requests()).isCloseTo(100, within(1e-6));
        a.restartContainer("main", T0.plusSeconds(10));
        assertThat(a.containers().get(0).requestStats(a, T0.plusSeconds(12)).requests()).isCloseTo(20, within(1e-6));
    }
}
