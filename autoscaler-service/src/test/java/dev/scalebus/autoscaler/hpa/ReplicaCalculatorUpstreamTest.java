package dev.scalebus.autoscaler.hpa;

import static dev.scalebus.autoscaler.hpa.CalcCase.cool;
import static dev.scalebus.autoscaler.hpa.CalcCase.hot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebus.autoscaler.hpa.CalcCase.Kind;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Ports of upstream replica_calculator_test.go through {@link Evaluator}; values in milli-units. */
class ReplicaCalculatorUpstreamTest {

    static final int C = 2; // numContainersPerPod

    static CalcCase cpu(int current, int target, String[] requests, long... levels) {
        CalcCase c = new CalcCase();
        c.currentReplicas = current;
        c.targetUtilization = target;
        c.requests = requests;
        c.levels = levels;
        return c;
    }

    static CalcCase metric(Kind kind, int current, long target, long... levels) {
        CalcCase c = new CalcCase();
        c.kind = kind;
        c.currentReplicas = current;
        c.targetMilli = target;
        c.levels = levels;
        return c;
    }

    static String[] ones(int n) {
        String[] r = new String[n];
        java.util.Arrays.fill(r, "1.0");
        return r;
    }

    @Test // TestReplicaCalcDisjointResourcesMetrics
    void samplesOnlyForUnknownPodsAreAnError() {
        CalcCase c = cpu(1, 100, ones(1), 100);
        c.podNames = new String[] {"an-older-pod-name"};
        c.expectError("no metrics returned matched known pods");
    }

    @Test // TestReplicaCalcScaleUp
    void scaleUp() {
        cpu(3, 30, ones(3), 300, 500, 700).expect(5, 50, (long) C * 500);
    }

    @Test // TestReplicaCalcScaleUpUnreadyLessScale
    void scaleUpUnreadyLessScale() {
        CalcCase c = cpu(3, 30, ones(3), 300, 500, 700);
        c.podReadiness = new Boolean[] {false, true, true};
        c.expect(4, 60, (long) C * 600);
    }

    @Test // TestReplicaCalcScaleUpHotCpuLessScale
    void scaleUpHotCpuLessScale() {
        CalcCase c = cpu(3, 30, ones(3), 300, 500, 700);
        c.podStartTime = new Instant[] {hot(), cool(), cool()};
        c.expect(4, 60, (long) C * 600);
    }

    @Test // TestReplicaCalcScaleUpUnreadyNoScale
    void scaleUpUnreadyNoScale() {
        CalcCase c = cpu(3, 30, ones(3), 400, 500, 700);
        c.podReadiness = new Boolean[] {true, false, false};
        c.expect(3, 40, (long) C * 400);
    }

    @Test // TestReplicaCalcScaleHotCpuNoScale
    void scaleHotCpuNoScale() {
        CalcCase c = cpu(3, 30, ones(3), 400, 500, 700);
        c.podReadiness = new Boolean[] {true, false, false};
        c.podStartTime = new Instant[] {cool(), hot(), hot()};
        c.expect(3, 40, (long) C * 400);
    }

    @Test // TestReplicaCalcScaleUpIgnoresFailedPods
    void scaleUpIgnoresFailedPods() {
        CalcCase c = cpu(2, 30, ones(4), 500, 700);
        c.podReadiness = new Boolean[] {true, true, false, false};
        c.podPhase = new String[] {"Running", "Running", "Failed", "Failed"};
        c.expect(4, 60, (long) C * 600);
    }

    @Test // TestReplicaCalcScaleUpIgnoresDeletionPods
    void scaleUpIgnoresDeletionPods() {
        CalcCase c = cpu(2, 30, ones(4), 500, 700);
        c.podReadiness = new Boolean[] {true, true, false, false};
        c.podPhase = new String[] {"Running", "Running", "Running", "Running"};
        c.podDeletion = new boolean[] {false, false, true, true};
        c.expect(4, 60, (long) C * 600);
    }

    @Test // TestReplicaCalcScaleUpCM
    void scaleUpPodsMetric() {
        metric(Kind.PODS, 3, 15000, 20000, 10000, 30000).expect(4, null, 20000L);
    }

    @Test // TestReplicaCalcScaleUpCMUnreadyHotCpuNoLessScale
    void podsMetricIgnoresCpuReadiness() {
        CalcCase c = metric(Kind.PODS, 3, 15000, 50000, 10000, 30000);
        c.podReadiness = new Boolean[] {true, true, false};
        c.podStartTime = new Instant[] {cool(), cool(), hot()};
        c.expect(6, null, 30000L);
    }

    @Test // TestReplicaCalcScaleUpCMUnreadyHotCpuScaleWouldScaleDown
    void podsMetricIgnoresCpuReadinessEvenIfItWouldScaleDown() {
        CalcCase c = metric(Kind.PODS, 3, 15000, 50000, 15000, 30000);
        c.podReadiness = new Boolean[] {false, true, false};
        c.podStartTime = new Instant[] {hot(), cool(), hot()};
        c.expect(7, null, 31666L);
    }

    @Test // TestReplicaCalcScaleUpCMObject
    void scaleUpObjectValue() {
        metric(Kind.OBJECT, 3, 15000, 20000).expect(4, null, 20000L);
    }

    @Test // TestReplicaCalcScaleUpCMPerPodObject
    void scaleUpObjectAverageValue() {
        metric(Kind.OBJECT_PER_POD, 3, 5000, 20000).expect(4, null, 6667L);
    }

    @Test // TestReplicaCalcScaleUpCMObjectIgnoresUnreadyPods
    void objectValueMultipliesReadyPodsOnly() {
        CalcCase c = metric(Kind.OBJECT, 3, 10000, 50000);
        c.podReadiness = new Boolean[] {false, true, false};
        c.expect(5, null, 50000L);
    }

    @Test // TestReplicaCalcScaleUpCMExternal (upstream runs it as a Pods metric)
    void scaleUpSinglePodMetric() {
        metric(Kind.PODS, 1, 4400, 8600).expect(2, null, 8600L);
    }

    @Test // TestReplicaCalcScaleUpCMExternalIgnoresUnreadyPods
    void externalValueMultipliesReadyPodsOnly() {
        CalcCase c = metric(Kind.EXTERNAL, 3, 4400, 8600);
        c.podReadiness = new Boolean[] {false, true, false};
        c.expect(2, null, 8600L);
    }

    @Test // TestReplicaCalcScaleUpCMExternalNoLabels (upstream runs it as a Pods metric)
    void scaleUpSinglePodMetricWithoutLabels() {
        metric(Kind.PODS, 1, 4400, 8600).expect(2, null, 8600L);
    }

    @Test // TestReplicaCalcScaleUpPerPodCMExternal
    void scaleUpExternalAverageValue() {
        metric(Kind.EXTERNAL_PER_POD, 3, 2150, 8600).expect(4, null, 2867L);
    }

    @Test // TestReplicaCalcScaleDown
    void scaleDown() {
        cpu(5, 50, ones(5), 100, 300, 500, 250, 250).expect(3, 28, (long) C * 280);
    }

    @Test // TestReplicaCalcScaleDownCM
    void scaleDownPodsMetric() {
        metric(Kind.PODS, 5, 20000, 12000, 12000, 12000, 12000, 12000).expect(3, null, 12000L);
    }

    @Test // TestReplicaCalcScaleDownPerPodCMObject
    void scaleDownObjectAverageValue() {
        metric(Kind.OBJECT_PER_POD, 5, 2000, 6000).expect(3, null, 1200L);
    }

    @Test // TestReplicaCalcScaleDownCMObject
    void scaleDownObjectValue() {
        metric(Kind.OBJECT, 5, 20000, 12000).expect(3, null, 12000L);
    }

    @Test // TestReplicaCalcScaleDownCMExternal
    void scaleDownExternalValue() {
        metric(Kind.EXTERNAL, 5, 14334, 8600).expect(3, null, 8600L);
    }

    @Test // TestReplicaCalcScaleDownPerPodCMExternal
    void scaleDownExternalAverageValue() {
        metric(Kind.EXTERNAL_PER_POD, 5, 2867, 8600).expect(3, null, 1720L);
    }

    @Test // TestReplicaCalcScaleDownIncludeUnreadyPods
    void scaleDownLeavesOutUnreadyPods() {
        CalcCase c = cpu(5, 50, ones(5), 100, 300, 500, 250, 250);
        c.podReadiness = new Boolean[] {true, true, true, false, false};
        c.expect(2, 30, (long) C * 300);
    }

    @Test // TestReplicaCalcScaleDownExcludeUnscheduledPods
    void scaleDownExcludesPendingPods() {
        CalcCase c = cpu(5, 50, ones(5), 100);
        c.podReadiness = new Boolean[] {true, false, false, false, false};
        c.podPhase = new String[] {"Running", "Pending", "Pending", "Pending", "Pending"};
        c.expect(1, 10, (long) C * 100);
    }

    @Test // TestReplicaCalcScaleDownIgnoreHotCpuPods
    void scaleDownIgnoresHotCpuPods() {
        CalcCase c = cpu(5, 50, ones(5), 100, 300, 500, 250, 250);
        c.podStartTime = new Instant[] {cool(), cool(), cool(), hot(), hot()};
        c.expect(2, 30, (long) C * 300);
    }

    @Test // TestReplicaCalcScaleDownIgnoresFailedPods
    void scaleDownIgnoresFailedPods() {
        CalcCase c = cpu(5, 50, ones(7), 100, 300, 500, 250, 250);
        c.podReadiness = new Boolean[] {true, true, true, true, true, false, false};
        c.podPhase = new String[] {"Running", "Running", "Running", "Running", "Running", "Failed", "Failed"};
        c.expect(3, 28, (long) C * 280);
    }

    @Test // TestReplicaCalcScaleDownIgnoresDeletionPods
    void scaleDownIgnoresDeletionPods() {
        CalcCase c = cpu(5, 50, ones(7), 100, 300, 500, 250, 250);
        c.podReadiness = new Boolean[] {true, true, true, true, true, false, false};
        c.podPhase = new String[] {"Running", "Running", "Running", "Running", "Running", "Running", "Running"};
        c.podDeletion = new boolean[] {false, false, false, false, false, true, true};
        c.expect(3, 28, (long) C * 280);
    }

    @Test // TestReplicaCalcTolerance
    void tolerance() {
        cpu(3, 100, new String[] {"0.9", "1.0", "1.1"}, 1010, 1030, 1020).expect(3, 102, (long) C * 1020);
    }

    @Test // TestReplicaCalcToleranceCM
    void tolerancePodsMetric() {
        metric(Kind.PODS, 3, 20000, 20000, 21000, 21000).expect(3, null, 20666L);
    }

    @Test // TestReplicaCalcToleranceCMObject
    void toleranceObjectValue() {
        metric(Kind.OBJECT, 3, 20000, 20666).expect(3, null, 20666L);
    }

    @Test // TestReplicaCalcTolerancePerPodCMObject
    void toleranceObjectAverageValue() {
        metric(Kind.OBJECT_PER_POD, 4, 5000, 20166).expect(4, null, 5042L);
    }

    @Test // TestReplicaCalcToleranceCMExternal
    void toleranceExternalValue() {
        metric(Kind.EXTERNAL, 3, 8888, 8600).expect(3, null, 8600L);
    }

    @Test // TestReplicaCalcTolerancePerPodCMExternal
    void toleranceExternalAverageValue() {
        metric(Kind.EXTERNAL_PER_POD, 3, 2900, 8600).expect(3, null, 2867L);
    }

    @Test // TestReplicaCalcSuperfluousMetrics
    void superfluousMetrics() {
        cpu(4, 100, ones(4), 4000, 9500, 3000, 7000, 3200, 2000).expect(24, 587, (long) C * 5875);
    }

    @Test // TestReplicaCalcMissingMetrics
    void missingMetrics() {
        cpu(4, 100, ones(4), 400, 95).expect(3, 24, 495L);
    }

    @Test // TestReplicaCalcEmptyMetrics
    void emptyMetrics() {
        cpu(4, 100, ones(3)).expectError(
                "unable to get metrics for resource cpu: no metrics returned from resource metrics API");
    }

    @Test // TestReplicaCalcEmptyCPURequest
    void emptyCpuRequest() {
        cpu(1, 100, new String[0], 200).expectError("missing request for");
    }

    @Test // TestReplicaCalcMissingMetricsNoChangeEq
    void missingMetricsNoChangeEq() {
        cpu(2, 100, ones(2), 1000).expect(2, 100, (long) C * 1000);
    }

    @Test // TestReplicaCalcMissingMetricsNoChangeGt
    void missingMetricsNoChangeGt() {
        cpu(2, 100, ones(2), 1900).expect(2, 190, (long) C * 1900);
    }

    @Test // TestReplicaCalcMissingMetricsNoChangeLt
    void missingMetricsNoChangeLt() {
        cpu(2, 100, ones(2), 600).expect(2, 60, (long) C * 600);
    }

    @Test // TestReplicaCalcMissingMetricsUnreadyChange
    void missingMetricsUnreadyChange() {
        CalcCase c = cpu(3, 50, ones(3), 100, 450);
        c.podReadiness = new Boolean[] {false, true, true};
        c.expect(3, 45, (long) C * 450);
    }

    @Test // TestReplicaCalcMissingMetricsHotCpuNoChange
    void missingMetricsHotCpuNoChange() {
        CalcCase c = cpu(3, 50, ones(3), 100, 450);
        c.podStartTime = new Instant[] {hot(), cool(), cool()};
        c.expect(3, 45, (long) C * 450);
    }

    @Test // TestReplicaCalcMissingMetricsUnreadyScaleUp
    void missingMetricsUnreadyScaleUp() {
        CalcCase c = cpu(3, 50, ones(3), 100, 2000);
        c.podReadiness = new Boolean[] {false, true, true};
        c.expect(4, 200, (long) C * 2000);
    }

    @Test // TestReplicaCalcMissingMetricsHotCpuScaleUp
    void missingMetricsHotCpuScaleUp() {
        CalcCase c = cpu(3, 50, ones(3), 100, 2000);
        c.podReadiness = new Boolean[] {false, true, true};
        c.podStartTime = new Instant[] {hot(), cool(), cool()};
        c.expect(4, 200, (long) C * 2000);
    }

    @Test // TestReplicaCalcMissingMetricsUnreadyScaleDown
    void missingMetricsUnreadyScaleDown() {
        CalcCase c = cpu(4, 50, ones(4), 100, 100, 100);
        c.podReadiness = new Boolean[] {false, true, true, true};
        c.expect(3, 10, (long) C * 100);
    }

    @Test // TestReplicaCalcDuringRollingUpdateWithMaxSurge
    void rollingUpdateWithMaxSurgeDoesNotScaleTheWrongWay() {
        CalcCase c = cpu(2, 50, ones(3), 100, 100);
        c.podPhase = new String[] {"Running", "Running", "Running"};
        c.expect(2, 10, (long) C * 100);
    }

    @Test // TestReplicaCalcComputedToleranceAlgImplementation
    void computedToleranceEdge() {
        int startPods = 10;
        long totalUsed = startPods * 150L;
        int totalRequested = (int) (2 * totalUsed);
        double requestedToUsed = (double) (totalRequested / (int) totalUsed);
        int perPodRequested = totalRequested / startPods;
        double target = Math.abs(1 / (requestedToUsed * (1 - 0.1))) + .01;
        int finalTarget = (int) (target * 100);
        double usedRatio = (double) totalUsed / ((double) totalRequested * target);
        int finalPods = (int) Math.ceil(usedRatio * startPods);
        int[] jitter = {100, -100, 10, -10, 2, -2, 1, -1, 0, 0};
        String[] requests = java.util.Arrays.stream(jitter).mapToObj(j -> (perPodRequested + j) + "m")
                .toArray(String[]::new);
        long[] levels = new long[10];
        java.util.Arrays.fill(levels, totalUsed / 10);
        int utilization = (int) (totalUsed * 100 / totalRequested);
        cpu(startPods, finalTarget, requests, levels).expect(finalPods, utilization, C * totalUsed / 10);
        int nearTarget = (int) ((Math.abs(1 / (requestedToUsed * (1 - 0.1))) + .004) * 100);
        cpu(startPods, nearTarget, requests, levels).expect(startPods, utilization, C * totalUsed / 10);
    }

    @Test // memory: readiness rules apply to cpu only
    void memoryIgnoresCpuInitializationPeriod() {
        CalcCase c = cpu(3, 30, ones(3), 300, 500, 700);
        c.resource = "memory";
        c.podStartTime = new Instant[] {hot(), hot(), hot()};
        MetricResult m = c.expect(5, 50, (long) C * 500);
        assertThat(m.name()).isEqualTo("memory resource utilization (percentage of request)");
    }
}
