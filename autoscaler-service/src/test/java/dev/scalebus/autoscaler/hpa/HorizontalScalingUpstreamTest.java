package dev.scalebus.autoscaler.hpa;

import static dev.scalebus.autoscaler.hpa.HpaCase.cool;
import static dev.scalebus.autoscaler.hpa.HpaCase.hot;
import static dev.scalebus.autoscaler.hpa.HpaCase.milli;
import static dev.scalebus.autoscaler.hpa.HpaCase.ok;
import static dev.scalebus.autoscaler.hpa.HpaCase.q;
import static dev.scalebus.autoscaler.hpa.HpaCase.reqs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebus.autoscaler.hpa.MetricSpec.MetricTarget;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ports of upstream horizontal_test.go scale-up/scale-down cases through {@link Evaluator}. */
class HorizontalScalingUpstreamTest {

    static final HpaSpec.TargetRef DEPLOYMENT = new HpaSpec.TargetRef("apps/v1", "Deployment", "some-deployment");
    static final String ONE = "1.0";

    static HpaCase c(int min, int max, int spec) {
        HpaCase c = new HpaCase();
        c.minReplicas = min;
        c.maxReplicas = max;
        c.specReplicas = spec;
        c.statusReplicas = spec;
        return c;
    }

    static MetricSpec podsQps(String avg) {
        return MetricSpec.pods("qps", MetricTarget.averageValue(q(avg)));
    }

    static MetricSpec objectQps(MetricTarget t) {
        return MetricSpec.object(DEPLOYMENT, "qps", t);
    }

    static MetricSpec externalQps(MetricTarget t) {
        return MetricSpec.external("qps", new MetricSpec.LabelSelector(null, null), t);
    }

    static Integer cpuUtilization(Evaluation.Result r) {
        return r.status().currentMetrics().stream().filter(m -> "cpu".equals(m.name()))
                .map(MetricStatus::averageUtilization).findFirst().orElse(null);
    }

    @Test // TestScaleUp
    void scalesUpWhenCpuUtilizationAboveTarget() {
        HpaCase c = c(2, 6, 3);
        c.cpuTarget = 30;
        c.reportedLevels = new long[] {300, 500, 700};
        c.reportedCpuRequests = reqs(ONE, ONE, ONE);
        Evaluation.Result r = c.expect(5);
        assertThat(cpuUtilization(r)).isEqualTo(50);
        assertThat(r.events()).anySatisfy(e -> assertThat(e.message())
                .isEqualTo("New size: 5; reason: cpu resource utilization (percentage of request) above target"));
    }

    @Test // TestScaleUpContainer
    void scalesUpOnContainerResourceUtilization() {
        HpaCase c = c(2, 6, 3);
        c.metricsTarget.add(MetricSpec.containerResource("cpu", "container1", MetricTarget.utilization(30)));
        c.reportedLevels = new long[] {300, 500, 700};
        c.reportedCpuRequests = reqs(ONE, ONE, ONE);
        c.expect(5);
    }

    @Test // TestScaleUpUnreadyLessScale
    void unreadyPodCountsAsZeroOnScaleUp() {
        HpaCase c = c(2, 6, 3);
        c.cpuTarget = 30;
        c.reportedLevels = new long[] {300, 500, 700};
        c.reportedCpuRequests = reqs(ONE, ONE, ONE);
        c.podReadiness = new Boolean[] {false, true, true};
        assertThat(cpuUtilization(c.expect(4))).isEqualTo(60);
    }

    @Test // TestScaleUpHotCpuLessScale
    void podInCpuInitializationPeriodCountsAsZeroOnScaleUp() {
        HpaCase c = c(2, 6, 3);
        c.cpuTarget = 30;
        c.reportedLevels = new long[] {300, 500, 700};
        c.reportedCpuRequests = reqs(ONE, ONE, ONE);
        c.podStartTime = new java.time.Instant[] {hot(), cool(), cool()};
        assertThat(cpuUtilization(c.expect(4))).isEqualTo(60);
    }

    @Test // TestScaleUpUnreadyNoScale
    void unreadyPodsCanCancelAScaleUp() {
        HpaCase c = c(2, 6, 3);
        c.cpuTarget = 30;
        c.reportedLevels = new long[] {400, 500, 700};
        c.reportedCpuRequests = reqs(ONE, ONE, ONE);
        c.podReadiness = new Boolean[] {true, false, false};
        assertThat(cpuUtilization(c.expect(3, ok("AbleToScale/True/ReadyForNewScale")))).isEqualTo(40);
    }

    @Test // TestScaleUpHotCpuNoScale
    void hotCpuPodsCanCancelAScaleUp() {
        HpaCase c = c(2, 6, 3);
        c.cpuTarget = 30;
        c.reportedLevels = new long[] {400, 500, 700};
        c.reportedCpuRequests = reqs(ONE, ONE, ONE);
        c.podReadiness = new Boolean[] {true, false, false};
        c.podStartTime = new java.time.Instant[] {cool(), hot(), hot()};
        c.expect(3, ok("AbleToScale/True/ReadyForNewScale"));
    }

    @Test // TestScaleUpIgnoresFailedPods
    void failedPodsAreIgnoredOnScaleUp() {
        HpaCase c = c(2, 6, 2);
        c.cpuTarget = 30;
        c.reportedLevels = new long[] {500, 700};
        c.reportedCpuRequests = reqs(ONE, ONE, ONE, ONE);
        c.podReadiness = new Boolean[] {true, true, false, false};
        c.podPhase = new String[] {"Running", "Running", "Failed", "Failed"};
        assertThat(cpuUtilization(c.expect(4))).isEqualTo(60);
    }

    @Test // TestScaleUpIgnoresDeletionPods
    void deletingPodsAreIgnoredOnScaleUp() {
        HpaCase c = c(2, 6, 2);
        c.cpuTarget = 30;
        c.reportedLevels = new long[] {500, 700};
        c.reportedCpuRequests = reqs(ONE, ONE, ONE, ONE);
        c.podReadiness = new Boolean[] {true, true, false, false};
        c.podDeletion = new boolean[] {false, false, true, true};
        assertThat(cpuUtilization(c.expect(4))).isEqualTo(60);
    }

    @Test // TestScaleUpDeployment, TestScaleUpReplicaSet (the target kind does not change the math)
    void scalesUpAnyTargetKind() {
        HpaCase c = c(2, 6, 3);
        c.cpuTarget = 30;
        c.reportedLevels = new long[] {300, 500, 700};
        c.reportedCpuRequests = reqs(ONE, ONE, ONE);
        c.expect(5);
    }

    @Test // TestScaleUpCM
    void scalesUpOnPodsMetric() {
        HpaCase c = c(2, 6, 3);
        c.metricsTarget.add(podsQps("15.0"));
        c.reportedLevels = new long[] {20000, 10000, 30000};
        c.reportedCpuRequests = reqs(ONE, ONE, ONE);
        c.expect(4);
    }

    @Test // TestScaleUpCMUnreadyAndHotCpuNoLessScale
    void podsMetricIgnoresReadinessAndCpuInitialization() {
        HpaCase c = c(2, 6, 3);
        c.metricsTarget.add(podsQps("15.0"));
        c.reportedLevels = new long[] {50000, 10000, 30000};
        c.podReadiness = new Boolean[] {true, true, false};
        c.podStartTime = new java.time.Instant[] {cool(), cool(), hot()};
        c.reportedCpuRequests = reqs(ONE, ONE, ONE);
        c.expect(6);
    }

    @Test // TestScaleUpCMUnreadyandCpuHot
    void podsMetricScaleUpIsLimitedByMaxReplicas() {
        HpaCase c = c(2, 6, 3);
        c.metricsTarget.add(podsQps("15.0"));
        c.reportedLevels = new long[] {50000, 15000, 30000};
        c.podReadiness = new Boolean[] {false, true, false};
        c.podStartTime = new java.time.Instant[] {hot(), cool(), hot()};
        c.reportedCpuRequests = reqs(ONE, ONE, ONE);
        c.expect(6, ok("AbleToScale/True/SucceededRescale", "ScalingLimited/True/TooManyReplicas"));
    }

    @Test // TestScaleUpHotCpuNoScaleWouldScaleDown
    void podsMetricWithHotCpuPodsStillScalesUp() {
        HpaCase c = c(2, 6, 3);
        c.metricsTarget.add(podsQps("15.0"));
        c.reportedLevels = new long[] {50000, 15000, 30000};
        c.podStartTime = new java.time.Instant[] {hot(), cool(), hot()};
        c.reportedCpuRequests = reqs(ONE, ONE, ONE);
        c.expect(6, ok("AbleToScale/True/SucceededRescale", "ScalingLimited/True/TooManyReplicas"));
    }

    @Test // TestScaleUpCMObject
    void scalesUpOnObjectValue() {
        HpaCase c = c(2, 6, 3);
        c.metricsTarget.add(objectQps(MetricTarget.value(q("15.0"))));
        c.reportedLevels = new long[] {20000};
        c.expect(4);
    }

    @Test // TestScaleUpFromZeroCMObject
    void wakesFromZeroOnObjectValue() {
        HpaCase c = c(0, 6, 0);
        c.metricsTarget.add(objectQps(MetricTarget.value(q("15.0"))));
        c.reportedLevels = new long[] {20000};
        c.expect(2);
    }

    @Test // TestScaleUpFromZeroIgnoresToleranceCMObject
    void wakesFromZeroIgnoringTolerance() {
        HpaCase c = c(0, 6, 0);
        c.metricsTarget.add(objectQps(MetricTarget.value(q("1.0"))));
        c.reportedLevels = new long[] {1000};
        c.expect(1);
    }

    @Test // TestScaleUpPerPodCMObject
    void scalesUpOnObjectAverageValue() {
        HpaCase c = c(2, 6, 3);
        c.metricsTarget.add(objectQps(MetricTarget.averageValue(q("10.0"))));
        c.reportedLevels = new long[] {40000};
        c.expect(4);
    }

    @Test // TestScaleUpCMExternal
    void scalesUpOnExternalValue() {
        HpaCase c = c(2, 6, 3);
        c.metricsTarget.add(externalQps(MetricTarget.value(milli(6666))));
        c.reportedLevels = new long[] {8600};
        c.expect(4);
    }

    @Test // TestScaleUpPerPodCMExternal
    void scalesUpOnExternalAverageValue() {
        HpaCase c = c(2, 6, 3);
        c.metricsTarget.add(externalQps(MetricTarget.averageValue(milli(2222))));
        c.reportedLevels = new long[] {8600};
        c.expect(4);
    }

    static HpaCase scaleDownFive() {
        HpaCase c = c(2, 6, 5);
        c.cpuTarget = 50;
        c.reportedLevels = new long[] {100, 300, 500, 250, 250};
        c.reportedCpuRequests = reqs(ONE, ONE, ONE, ONE, ONE);
        c.recommendations = List.of();
        return c;
    }

    @Test // TestScaleDown
    void scalesDownWhenCpuUtilizationBelowTarget() {
        Evaluation.Result r = scaleDownFive().expect(3);
        assertThat(r.rescaleReason()).isEqualTo("All metrics below target");
    }

    @Test // TestScaleDownContainerResource
    void scalesDownOnContainerResource() {
        HpaCase c = scaleDownFive();
        c.cpuTarget = 0;
        c.metricsTarget.add(MetricSpec.containerResource("cpu", "container2", MetricTarget.utilization(50)));
        c.expect(3);
    }

    @Test // TestScaleDownWithScalingRules
    void scalesDownWithScaleUpRulesOnly() {
        HpaCase c = scaleDownFive();
        c.scaleUpRules = HpaCase.rules(0, 0, 100, 15, 30);
        c.expect(3);
    }

    @Test // TestScaleDownStabilizeInitialSize
    void firstSeenAutoscalerIsStabilizedAtItsInitialSize() {
        HpaCase c = scaleDownFive();
        c.recommendations = null;
        c.expect(5, ok("AbleToScale/True/ReadyForNewScale", "AbleToScale/True/ScaleDownStabilized"));
    }

    @Test // TestScaleDownCM
    void scalesDownOnPodsMetric() {
        HpaCase c = c(2, 6, 5);
        c.metricsTarget.add(podsQps("20.0"));
        c.reportedLevels = new long[] {12000, 12000, 12000, 12000, 12000};
        c.reportedCpuRequests = reqs(ONE, ONE, ONE, ONE, ONE);
        c.recommendations = List.of();
        c.expect(3);
    }

    @Test // TestScaleDownCMObject
    void scalesDownOnObjectValue() {
        HpaCase c = c(2, 6, 5);
        c.metricsTarget.add(objectQps(MetricTarget.value(q("20.0"))));
        c.reportedLevels = new long[] {12000};
        c.reportedCpuRequests = reqs(ONE, ONE, ONE, ONE, ONE);
        c.recommendations = List.of();
        c.expect(3);
    }

    @Test // TestScaleDownToZeroCMObject
    void scalesDownToZeroOnObjectValueWhenMinIsZero() {
        HpaCase c = c(0, 6, 5);
        c.metricsTarget.add(objectQps(MetricTarget.value(q("20.0"))));
        c.reportedLevels = new long[] {0};
        c.reportedCpuRequests = reqs(ONE, ONE, ONE, ONE, ONE);
        c.recommendations = List.of();
        c.expect(0);
    }

    @Test // TestScaleDownPerPodCMObject
    void scalesDownOnObjectAverageValue() {
        HpaCase c = c(2, 6, 5);
        c.metricsTarget.add(objectQps(MetricTarget.averageValue(q("20.0"))));
        c.reportedLevels = new long[] {60000};
        c.reportedCpuRequests = reqs(ONE, ONE, ONE, ONE, ONE);
        c.recommendations = List.of();
        c.expect(3);
    }

    @Test // TestScaleDownCMExternal
    void scalesDownOnExternalValue() {
        HpaCase c = c(2, 6, 5);
        c.metricsTarget.add(externalQps(MetricTarget.value(milli(14400))));
        c.reportedLevels = new long[] {8600};
        c.recommendations = List.of();
        c.expect(3);
    }

    @Test // TestScaleDownToZeroCMExternal
    void scalesDownToZeroOnExternalValueWhenMinIsZero() {
        HpaCase c = c(0, 6, 5);
        c.metricsTarget.add(externalQps(MetricTarget.value(milli(14400))));
        c.reportedLevels = new long[] {0};
        c.recommendations = List.of();
        c.expect(0);
    }

    @Test // TestScaleDownPerPodCMExternal
    void scalesDownOnExternalAverageValue() {
        HpaCase c = c(2, 6, 5);
        c.metricsTarget.add(externalQps(MetricTarget.averageValue(milli(3000))));
        c.reportedLevels = new long[] {8600};
        c.recommendations = List.of();
        c.expect(3);
    }

    @Test // TestScaleDownIncludeUnreadyPods
    void unreadyPodsAreLeftOutOnScaleDown() {
        HpaCase c = scaleDownFive();
        c.podReadiness = new Boolean[] {true, true, true, false, false};
        assertThat(cpuUtilization(c.expect(2))).isEqualTo(30);
    }

    @Test // TestScaleDownIgnoreHotCpuPods
    void hotCpuPodsAreLeftOutOnScaleDown() {
        HpaCase c = scaleDownFive();
        c.podStartTime = new java.time.Instant[] {cool(), cool(), cool(), hot(), hot()};
        assertThat(cpuUtilization(c.expect(2))).isEqualTo(30);
    }

    @Test // TestScaleDownIgnoresFailedPods
    void failedPodsAreIgnoredOnScaleDown() {
        HpaCase c = scaleDownFive();
        c.reportedCpuRequests = reqs(ONE, ONE, ONE, ONE, ONE, ONE, ONE);
        c.podReadiness = new Boolean[] {true, true, true, true, true, false, false};
        c.podPhase = new String[] {"Running", "Running", "Running", "Running", "Running", "Failed", "Failed"};
        assertThat(cpuUtilization(c.expect(3))).isEqualTo(28);
    }

    @Test // TestScaleDownIgnoresDeletionPods
    void deletingPodsAreIgnoredOnScaleDown() {
        HpaCase c = scaleDownFive();
        c.reportedCpuRequests = reqs(ONE, ONE, ONE, ONE, ONE, ONE, ONE);
        c.podReadiness = new Boolean[] {true, true, true, true, true, false, false};
        c.podDeletion = new boolean[] {false, false, false, false, false, true, true};
        assertThat(cpuUtilization(c.expect(3))).isEqualTo(28);
    }

    @Test // TestMissingMetrics
    void missingPodsCountAsFullRequestOnScaleDown() {
        HpaCase c = c(2, 6, 4);
        c.cpuTarget = 100;
        c.reportedLevels = new long[] {400, 95};
        c.reportedCpuRequests = reqs(ONE, ONE, ONE, ONE);
        c.recommendations = List.of();
        c.expect(3);
    }

    @Test // TestMissingReports
    void scalesDownFromFourToTwoWithOneReport() {
        HpaCase c = c(1, 5, 4);
        c.cpuTarget = 50;
        c.reportedLevels = new long[] {200};
        c.reportedCpuRequests = reqs("0.2");
        c.recommendations = List.of();
        c.expect(2);
    }

    @Test // TestSuperfluousMetrics
    void samplesOfUnknownPodsAreExtraneousButScaleUpIsCappedAtMax() {
        HpaCase c = c(2, 6, 4);
        c.cpuTarget = 100;
        c.reportedLevels = new long[] {4000, 9500, 3000, 7000, 3200, 2000};
        c.reportedCpuRequests = reqs(ONE, ONE, ONE, ONE);
        c.expect(6, ok("ScalingLimited/True/TooManyReplicas"));
    }

    @Test // TestEventCreated
    void successfulRescaleEventIsCreated() {
        HpaCase c = c(1, 5, 1);
        c.cpuTarget = 50;
        c.reportedLevels = new long[] {200};
        c.reportedCpuRequests = reqs("0.2");
        Evaluation.Result r = c.expect(2);
        assertThat(r.events()).extracting(Evaluation.Event::reason).containsExactly("SuccessfulRescale");
    }

    @Test // TestEventNotCreated
    void noEventWhenNothingChanges() {
        HpaCase c = c(1, 5, 2);
        c.cpuTarget = 50;
        c.reportedLevels = new long[] {200, 200};
        c.reportedCpuRequests = reqs("0.4", "0.4");
        Evaluation.Result r = c.expect(2, ok("AbleToScale/True/ReadyForNewScale"));
        assertThat(r.events()).isEmpty();
        assertThat(r.rescale()).isFalse();
    }

    @Test // TestMultipleHPAs (each autoscaler keeps its own history; 1000 evaluations through the same core)
    void manyAutoscalersAreEvaluatedIndependently() {
        int scaled = 0;
        for (int i = 0; i < 1000; i++) {
            HpaCase c = c(1, 10, 1);
            c.cpuTarget = 10;
            c.scaleUpRules = HpaCase.rules(100, 60, 0, 0, 0);
            c.scaleDownRules = HpaCase.rules(2, 60, 1, 60, 300);
            c.reportedLevels = new long[] {1000};
            c.reportedCpuRequests = reqs(ONE);
            c.scaleUpEvents = HpaCase.events(120, 8, 12, 9, 11);
            c.scaleDownEvents = HpaCase.events(120, 10, 10, 10);
            Evaluation.Result r = c.run();
            scaled += r.scaled() ? 1 : 0;
            assertThat(r.desiredReplicas()).isEqualTo(10);
        }
        assertThat(scaled).isEqualTo(1000);
    }
}
