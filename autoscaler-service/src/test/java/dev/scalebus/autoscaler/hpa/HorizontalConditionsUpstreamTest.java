package dev.scalebus.autoscaler.hpa;

import static dev.scalebus.autoscaler.hpa.HorizontalScalingUpstreamTest.DEPLOYMENT;
import static dev.scalebus.autoscaler.hpa.HorizontalScalingUpstreamTest.c;
import static dev.scalebus.autoscaler.hpa.HorizontalScalingUpstreamTest.externalQps;
import static dev.scalebus.autoscaler.hpa.HorizontalScalingUpstreamTest.podsQps;
import static dev.scalebus.autoscaler.hpa.HpaCase.milli;
import static dev.scalebus.autoscaler.hpa.HpaCase.ok;
import static dev.scalebus.autoscaler.hpa.HpaCase.q;
import static dev.scalebus.autoscaler.hpa.HpaCase.reqs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebus.autoscaler.hpa.MetricSpec.MetricTarget;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Ports of upstream horizontal_test.go cases about limits, tolerance, conditions and invalid metrics. */
class HorizontalConditionsUpstreamTest {

    static final String ONE = "1.0";
    static final MetricSpec CHEDDAR = new MetricSpec("CheddarCheese", null, null, null, null, null);

    @Test // TestTolerance
    void staysWithinToleranceOnCpu() {
        HpaCase c = c(1, 5, 3);
        c.cpuTarget = 100;
        c.reportedLevels = new long[] {1010, 1030, 1020};
        c.reportedCpuRequests = reqs("0.9", "1.0", "1.1");
        c.expect(3, ok("AbleToScale/True/ReadyForNewScale"));
    }

    @Test // TestToleranceCM
    void staysWithinToleranceOnPodsMetric() {
        HpaCase c = c(1, 5, 3);
        c.metricsTarget.add(podsQps("20.0"));
        c.reportedLevels = new long[] {20000, 20001, 21000};
        c.reportedCpuRequests = reqs("0.9", "1.0", "1.1");
        c.expect(3, ok("AbleToScale/True/ReadyForNewScale"));
    }

    @Test // TestToleranceCMObject
    void staysWithinToleranceOnObjectValue() {
        HpaCase c = c(1, 5, 3);
        c.metricsTarget.add(MetricSpec.object(DEPLOYMENT, "qps", MetricTarget.value(q("20.0"))));
        c.reportedLevels = new long[] {20050};
        c.reportedCpuRequests = reqs("0.9", "1.0", "1.1");
        c.expect(3, ok("AbleToScale/True/ReadyForNewScale"));
    }

    @Test // TestToleranceCMExternal
    void staysWithinToleranceOnExternalValue() {
        HpaCase c = c(2, 6, 4);
        c.metricsTarget.add(externalQps(MetricTarget.value(milli(8666))));
        c.reportedLevels = new long[] {8600};
        c.expect(4, ok("AbleToScale/True/ReadyForNewScale"));
    }

    @Test // TestTolerancePerPodCMObject
    void staysWithinToleranceOnObjectAverageValue() {
        HpaCase c = c(2, 6, 4);
        c.metricsTarget.add(MetricSpec.object(DEPLOYMENT, "qps", MetricTarget.averageValue(milli(2200))));
        c.reportedLevels = new long[] {8600};
        c.expect(4, ok("AbleToScale/True/ReadyForNewScale"));
    }

    @Test // TestTolerancePerPodCMExternal
    void staysWithinToleranceOnExternalAverageValue() {
        HpaCase c = c(2, 6, 4);
        c.metricsTarget.add(externalQps(MetricTarget.averageValue(milli(2200))));
        c.reportedLevels = new long[] {8600};
        c.expect(4, ok("AbleToScale/True/ReadyForNewScale"));
    }

    @Test // TestMinReplicas
    void clampsToMinReplicas() {
        HpaCase c = c(2, 5, 3);
        c.cpuTarget = 90;
        c.reportedLevels = new long[] {10, 95, 10};
        c.reportedCpuRequests = reqs("0.9", "1.0", "1.1");
        c.recommendations = List.of();
        c.expect(2, ok("ScalingLimited/True/TooFewReplicas"));
    }

    @Test // TestZeroMinReplicasDesiredZero
    void scalesToZeroWhenMinIsZeroAndUsageIsZero() {
        HpaCase c = c(0, 5, 3);
        c.cpuTarget = 90;
        c.reportedLevels = new long[] {0, 0, 0};
        c.reportedCpuRequests = reqs("0.9", "1.0", "1.1");
        c.recommendations = List.of();
        c.expect(0, ok("ScalingLimited/False/DesiredWithinRange"));
    }

    @Test // TestMinReplicasDesiredZero
    void zeroUsageIsClampedToMinReplicas() {
        HpaCase c = c(2, 5, 3);
        c.cpuTarget = 90;
        c.reportedLevels = new long[] {0, 0, 0};
        c.reportedCpuRequests = reqs("0.9", "1.0", "1.1");
        c.recommendations = List.of();
        c.expect(2, ok("ScalingLimited/True/TooFewReplicas"));
    }

    @Test // TestZeroReplicas
    void zeroReplicasWithNonZeroMinDisablesScaling() {
        HpaCase c = c(3, 5, 0);
        c.cpuTarget = 90;
        c.reportedCpuRequests = reqs();
        Evaluation.Result r = c.expect(0, "AbleToScale/True/SucceededGetScale", "ScalingActive/False/ScalingDisabled");
        assertThat(r.metrics()).isEmpty();
    }

    @Test // TestTooFewReplicas
    void belowMinReplicasScalesToMinWithoutMetrics() {
        HpaCase c = c(3, 5, 2);
        c.cpuTarget = 90;
        c.reportedCpuRequests = reqs();
        Evaluation.Result r = c.expect(3, "AbleToScale/True/SucceededRescale");
        assertThat(r.rescaleReason()).isEqualTo("Current number of replicas below Spec.MinReplicas");
    }

    @Test // TestTooManyReplicas
    void aboveMaxReplicasScalesToMaxWithoutMetrics() {
        HpaCase c = c(3, 5, 10);
        c.cpuTarget = 90;
        c.reportedCpuRequests = reqs();
        Evaluation.Result r = c.expect(5, "AbleToScale/True/SucceededRescale");
        assertThat(r.rescaleReason()).isEqualTo("Current number of replicas above Spec.MaxReplicas");
    }

    @Test // TestMaxReplicas
    void clampsToMaxReplicas() {
        HpaCase c = c(2, 5, 3);
        c.cpuTarget = 90;
        c.reportedLevels = new long[] {8000, 9500, 1000};
        c.reportedCpuRequests = reqs("0.9", "1.0", "1.1");
        c.expect(5, ok("ScalingLimited/True/TooManyReplicas"));
    }

    @Test // TestEmptyMetrics
    void noResourceMetricsSetsFailedGetResourceMetric() {
        HpaCase c = c(2, 6, 4);
        c.cpuTarget = 100;
        c.reportedCpuRequests = reqs(ONE, ONE, ONE, ONE);
        Evaluation.Result r = c.expect(4, "AbleToScale/True/SucceededGetScale",
                "ScalingActive/False/FailedGetResourceMetric");
        assertThat(r.condition("ScalingActive").message()).isEqualTo("the HPA was unable to compute the replica count:"
                + " failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from"
                + " resource metrics API");
        assertThat(r.events()).extracting(Evaluation.Event::reason).contains("FailedComputeMetricsReplicas");
    }

    @Test // TestEmptyCPURequest
    void missingCpuRequestSetsFailedGetResourceMetric() {
        HpaCase c = c(1, 5, 1);
        c.cpuTarget = 100;
        c.reportedLevels = new long[] {200};
        c.reportedCpuRequests = reqs();
        c.statusReplicas = 1;
        // upstream creates no pods for an empty request list: the selector then returns nothing
        Evaluation.Result r = c.expect(1, "AbleToScale/True/SucceededGetScale",
                "ScalingActive/False/FailedGetResourceMetric");
        assertThat(r.error()).contains("invalid metrics (1 invalid out of 1)");
    }

    @Test // TestUpscaleCap
    void behaviorPercentPolicyCapsScaleUp() {
        HpaCase c = c(1, 100, 3);
        c.scaleUpRules = HpaCase.rules(0, 0, 700, 60, 0);
        c.cpuTarget = 10;
        c.reportedLevels = new long[] {100, 200, 300};
        c.reportedCpuRequests = reqs("0.1", "0.1", "0.1");
        c.expect(24, ok("ScalingLimited/True/ScaleUpLimit"));
    }

    @Test // TestUpscaleCapGreaterThanMaxReplicas
    void maxReplicasBelowPolicyCapGivesTooManyReplicas() {
        HpaCase c = c(1, 20, 3);
        c.scaleUpRules = HpaCase.rules(0, 0, 700, 60, 0);
        c.cpuTarget = 10;
        c.reportedLevels = new long[] {100, 200, 300};
        c.reportedCpuRequests = reqs("0.1", "0.1", "0.1");
        c.expect(20, ok("ScalingLimited/True/TooManyReplicas"));
    }

    @Test // TestMoreReplicasThanSpecNoScale
    void surgePodsDuringRolloutDoNotScale() {
        HpaCase c = c(1, 8, 4);
        c.statusReplicas = 5;
        c.cpuTarget = 50;
        c.reportedLevels = new long[] {500, 500, 500, 500, 500};
        c.reportedCpuRequests = reqs("1", "1", "1", "1", "1");
        c.expect(4, ok("AbleToScale/True/ReadyForNewScale"));
    }

    @Test // TestConditionInvalidSelectorMissing
    void missingSelectorSetsInvalidSelector() {
        HpaCase c = c(1, 100, 3);
        c.cpuTarget = 10;
        c.reportedLevels = new long[] {100, 200, 300};
        c.reportedCpuRequests = reqs("0.1", "0.1", "0.1");
        c.selector = "";
        Evaluation.Result r = c.expect(3, "AbleToScale/True/SucceededGetScale", "ScalingActive/False/InvalidSelector");
        assertThat(r.condition("ScalingActive").message()).isEqualTo("the HPA target's scale is missing a selector");
        assertThat(r.events()).extracting(Evaluation.Event::reason).contains("SelectorRequired");
    }

    @Test // TestConditionInvalidSelectorUnparsable
    void unparsableSelectorSetsInvalidSelector() {
        HpaCase c = c(1, 100, 3);
        c.cpuTarget = 10;
        c.reportedLevels = new long[] {100, 200, 300};
        c.reportedCpuRequests = reqs("0.1", "0.1", "0.1");
        c.selector = "cheddar cheese";
        c.expect(3, "AbleToScale/True/SucceededGetScale", "ScalingActive/False/InvalidSelector");
    }

    @Test // TestConditionNoAmbiguousSelectorWhenNoSelectorOverlapBetweenHPAs
    void otherAutoscalerWithDisjointSelectorIsNotAmbiguous() {
        HpaCase c = c(2, 6, 3);
        c.cpuTarget = 30;
        c.reportedLevels = new long[] {300, 500, 700};
        c.reportedCpuRequests = reqs(ONE, ONE, ONE);
        c.otherSelectors = List.of("cheddar=cheese");
        c.expect(5);
    }

    @Test // TestConditionAmbiguousSelectorWhenFullSelectorOverlapBetweenHPAs
    void sameSelectorOnAnotherAutoscalerIsAmbiguous() {
        HpaCase c = c(2, 6, 3);
        c.cpuTarget = 30;
        c.reportedLevels = new long[] {300, 500, 700};
        c.reportedCpuRequests = reqs(ONE, ONE, ONE);
        c.otherSelectors = List.of("name=test-pod");
        c.expect(3, "AbleToScale/True/SucceededGetScale", "ScalingActive/False/AmbiguousSelector");
    }

    @Test // TestConditionAmbiguousSelectorWhenPartialSelectorOverlapBetweenHPAs
    void podsAlsoSelectedByAnotherAutoscalerAreAmbiguous() {
        HpaCase c = c(2, 6, 3);
        c.cpuTarget = 30;
        c.reportedLevels = new long[] {300, 500, 700};
        c.reportedCpuRequests = reqs(ONE, ONE, ONE);
        c.podLabels = Map.of("name", "test-pod", "cheddar", "cheese");
        c.otherSelectors = List.of("cheddar=cheese");
        c.expect(3, "AbleToScale/True/SucceededGetScale", "ScalingActive/False/AmbiguousSelector");
    }

    @ParameterizedTest(name = "{0}") // TestConditionFailedGetMetrics
    @CsvSource({"FailedGetResourceMetric", "FailedGetPodsMetric", "FailedGetObjectMetric", "FailedGetExternalMetric"})
    void failedMetricFetchSetsItsReason(String reason) {
        HpaCase c = c(1, 100, 3);
        c.reportedLevels = new long[] {100, 200, 300};
        c.reportedCpuRequests = reqs("0.1", "0.1", "0.1");
        c.metricsError = "something went wrong";
        switch (reason) {
            case "FailedGetResourceMetric" -> c.cpuTarget = 10;
            case "FailedGetPodsMetric" -> c.metricsTarget.add(podsQps("15.0"));
            case "FailedGetObjectMetric" -> c.metricsTarget.add(MetricSpec.object(DEPLOYMENT, "qps",
                    MetricTarget.value(q("15.0"))));
            default -> c.metricsTarget.add(externalQps(MetricTarget.value(milli(300))));
        }
        Evaluation.Result r = c.expect(3, "AbleToScale/True/SucceededGetScale", "ScalingActive/False/" + reason);
        assertThat(r.condition("ScalingActive").message()).contains("something went wrong");
    }

    @Test // TestConditionInvalidSourceType
    void unknownMetricTypeSetsInvalidMetricSourceType() {
        HpaCase c = c(2, 6, 3);
        c.metricsTarget.add(CHEDDAR);
        c.reportedLevels = new long[] {20000};
        Evaluation.Result r = c.expect(3, "AbleToScale/True/SucceededGetScale",
                "ScalingActive/False/InvalidMetricSourceType");
        assertThat(r.condition("ScalingActive").message())
                .isEqualTo("the HPA was unable to compute the replica count: unknown metric source type \"CheddarCheese\"");
    }

    @Test // TestConditionFailedGetScale
    void unreadableScaleSetsFailedGetScale() {
        HpaCase c = c(1, 100, 3);
        c.cpuTarget = 10;
        c.reportedLevels = new long[] {100, 200, 300};
        c.reportedCpuRequests = reqs("0.1", "0.1", "0.1");
        c.scaleError = "something went wrong";
        c.expect(3, "AbleToScale/False/FailedGetScale");
    }

    @Test // TestConditionFailedUpdateScale
    void failedScaleWriteSetsFailedUpdateScaleAndKeepsDesired() {
        HpaCase c = c(1, 5, 3);
        c.cpuTarget = 100;
        c.reportedLevels = new long[] {150, 150, 150};
        c.reportedCpuRequests = reqs("0.1", "0.1", "0.1");
        c.updateError = "something went wrong";
        Evaluation.Result r = c.expect(3, ok("AbleToScale/False/FailedUpdateScale"));
        assertThat(r.scaled()).isFalse();
        assertThat(r.events()).extracting(Evaluation.Event::reason).contains("FailedRescale");
    }

    @Test // TestScaleUpOneMetricInvalid
    void invalidMetricDoesNotBlockScaleUp() {
        HpaCase c = c(2, 6, 3);
        c.cpuTarget = 30;
        c.metricsTarget.add(CHEDDAR);
        c.reportedLevels = new long[] {300, 400, 500};
        c.reportedCpuRequests = reqs(ONE, ONE, ONE);
        Evaluation.Result r = c.expect(4);
        assertThat(r.error()).startsWith("invalid metrics (1 invalid out of 2)");
    }

    @Test // TestScaleUpFromZeroOneMetricInvalid
    void invalidMetricDoesNotBlockScaleUpFromZero() {
        HpaCase c = c(0, 6, 0);
        c.cpuTarget = 30;
        c.metricsTarget.add(CHEDDAR);
        c.reportedLevels = new long[] {300, 400, 500};
        c.reportedCpuRequests = reqs(ONE, ONE, ONE);
        c.recommendations = List.of();
        c.expect(4);
    }

    @Test // TestScaleUpBothMetricsEmpty
    void allMetricsInvalidBlocksScaling() {
        HpaCase c = c(2, 6, 3);
        c.metricsTarget.add(CHEDDAR);
        c.reportedCpuRequests = reqs(ONE, ONE, ONE);
        c.expect(3, "AbleToScale/True/SucceededGetScale", "ScalingActive/False/InvalidMetricSourceType");
    }

    @Test // TestScaleUpOneMetricEmpty
    void failedExternalMetricDoesNotBlockScaleUp() {
        HpaCase c = c(2, 6, 3);
        c.cpuTarget = 30;
        c.metricsTarget.add(externalQps(MetricTarget.value(milli(100))));
        c.reportedLevels = new long[] {300, 400, 500};
        c.reportedCpuRequests = reqs(ONE, ONE, ONE);
        HpaCase failing = externalFails(c);
        failing.expect(4);
    }

    @Test // TestNoScaleDownOneMetricInvalid
    void invalidMetricBlocksScaleDown() {
        HpaCase c = HorizontalScalingUpstreamTest.scaleDownFive();
        c.metricsTarget.add(CHEDDAR);
        c.expect(5, "AbleToScale/True/SucceededGetScale", "ScalingActive/False/InvalidMetricSourceType");
    }

    @Test // TestNoScaleDownOneMetricEmpty
    void failedExternalMetricBlocksScaleDown() {
        HpaCase c = HorizontalScalingUpstreamTest.scaleDownFive();
        c.metricsTarget.add(externalQps(MetricTarget.value(milli(1000))));
        externalFails(c).expect(5, "AbleToScale/True/SucceededGetScale", "ScalingActive/False/FailedGetExternalMetric");
    }

    // the upstream tests make only the external metrics client fail
    private static HpaCase externalFails(HpaCase c) {
        c.externalError = "something went wrong";
        return c;
    }

    @Test // TestNoBackoffUpscaleCM
    void recentScaleDoesNotDelayScaleUpOnPodsMetric() {
        HpaCase c = c(1, 5, 3);
        c.metricsTarget.add(podsQps("15.0"));
        c.reportedLevels = new long[] {20000, 10000, 30000};
        c.reportedCpuRequests = reqs(ONE, ONE, ONE);
        c.lastScaleTime = HpaCase.NOW;
        c.expect(4, ok("AbleToScale/True/ReadyForNewScale", "AbleToScale/True/SucceededRescale",
                "ScalingLimited/False/DesiredWithinRange"));
    }

    @Test // TestNoBackoffUpscaleCMNoBackoffCpu
    void recentScaleDoesNotDelayScaleUpOnCpuAndPodsMetric() {
        HpaCase c = c(1, 5, 3);
        c.cpuTarget = 10;
        c.metricsTarget.add(podsQps("15.0"));
        c.reportedLevels = new long[] {20000, 10000, 30000};
        c.reportedCpuRequests = reqs(ONE, ONE, ONE);
        c.lastScaleTime = HpaCase.NOW;
        c.expect(5, ok("AbleToScale/True/SucceededRescale", "ScalingLimited/True/TooManyReplicas"));
    }

    @Test // TestStabilizeDownscale
    void recentHigherRecommendationStabilizesScaleDown() {
        HpaCase c = c(1, 5, 4);
        c.cpuTarget = 100;
        c.reportedLevels = new long[] {50, 50, 50};
        c.reportedCpuRequests = reqs("0.1", "0.1", "0.1");
        c.recommendations = List.of(new History.Recommendation(10, HpaCase.NOW.minus(Duration.ofMinutes(10))),
                new History.Recommendation(4, HpaCase.NOW.minus(Duration.ofMinutes(1))));
        c.expect(4, ok("AbleToScale/True/ScaleDownStabilized"));
    }

    @Test // TestComputedToleranceAlgImplementation
    void scalesDownJustOutsideToleranceAndNotJustInside() {
        int startPods = 10;
        long totalUsed = startPods * 150L;
        int totalRequested = (int) (2 * totalUsed);
        double requestedToUsed = (double) (totalRequested / (int) totalUsed);
        int perPodRequested = totalRequested / startPods;
        double target = Math.abs(1 / (requestedToUsed * (1 - 0.1))) + .01;
        int finalTarget = (int) (target * 100);
        double usedRatio = (double) totalUsed / ((double) totalRequested * target);
        int finalPods = (int) Math.ceil(usedRatio * startPods);

        HpaCase c = c(0, 1000, startPods);
        c.cpuTarget = finalTarget;
        c.reportedLevels = new long[10];
        java.util.Arrays.fill(c.reportedLevels, totalUsed / 10);
        int[] jitter = {100, -100, 10, -10, 2, -2, 1, -1, 0, 0};
        c.reportedCpuRequests = java.util.Arrays.stream(jitter).mapToObj(j -> (perPodRequested + j) + "m")
                .toArray(String[]::new);
        c.recommendations = List.of();
        c.expect(finalPods);

        c.cpuTarget = (int) ((Math.abs(1 / (requestedToUsed * (1 - 0.1))) + .004) * 100);
        c.expect(startPods, ok("AbleToScale/True/ReadyForNewScale"));
    }

    @Test // TestScaleUpRCImmediately
    void belowMinScalesUpImmediatelyDespiteRecentScale() {
        HpaCase c = c(2, 6, 1);
        c.reportedLevels = new long[] {0, 0, 0, 0};
        c.reportedCpuRequests = reqs(ONE, ONE, ONE, ONE);
        c.lastScaleTime = HpaCase.NOW;
        c.expect(2, "AbleToScale/True/SucceededRescale");
    }

    @Test // TestScaleDownRCImmediately
    void aboveMaxScalesDownImmediatelyDespiteRecentScale() {
        HpaCase c = c(2, 5, 6);
        c.cpuTarget = 50;
        c.reportedLevels = new long[] {8000, 9500, 1000};
        c.reportedCpuRequests = reqs("0.9", "1.0", "1.1");
        c.lastScaleTime = HpaCase.NOW;
        c.expect(5, "AbleToScale/True/SucceededRescale");
    }

    @Test // TestAvoidUnnecessaryUpdates
    void unchangedEvaluationLeavesStatusEqual() {
        java.time.Instant hourAgo = HpaCase.NOW.minus(Duration.ofHours(1));
        HpaCase c = c(2, 6, 2);
        c.cpuTarget = 80;
        c.reportedLevels = new long[] {400, 500, 700};
        c.reportedCpuRequests = reqs(ONE, ONE, ONE);
        c.podStartTime = new java.time.Instant[] {HpaCase.cool(), HpaCase.hot(), HpaCase.hot()};
        c.recommendations = List.of();
        c.previousStatus = new HpaStatus(2, 2,
                List.of(new MetricStatus("Resource", "cpu", null, 40, q("400m"), null)),
                List.of(new Condition("AbleToScale", "True", "ReadyForNewScale", "recommended size matches current size",
                                hourAgo),
                        new Condition("ScalingActive", "True", "ValidMetricFound", "the HPA was able to successfully "
                                + "calculate a replica count from cpu resource utilization (percentage of request)",
                                hourAgo),
                        new Condition("ScalingLimited", "True", "TooFewReplicas",
                                "the desired replica count is less than the minimum replica count", hourAgo)),
                hourAgo);
        Evaluation.Result r = c.run();
        assertThat(r.status()).isEqualTo(c.previousStatus);
        assertThat(r.rescale()).isFalse();
    }
}
