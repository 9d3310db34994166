package dev.scalebus.autoscaler.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebus.autoscaler.hpa.Condition;
import dev.scalebus.autoscaler.hpa.Evaluation;
import dev.scalebus.autoscaler.hpa.HpaSpec;
import dev.scalebus.autoscaler.hpa.HpaStatus;
import dev.scalebus.autoscaler.kube.AutoscalerObject;
import dev.scalebus.events.ScalingDecision;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Decision ids are stable: the same decision published again (after a restart) has the same id. */
class DecisionIdTest {

    static final Instant SCALED = Instant.parse("2026-12-06T01:00:00.123456Z");

    static AutoscalerObject autoscaler(String uid) {
        HpaSpec spec = new HpaSpec(new HpaSpec.TargetRef("apps/v1", "Deployment", "web"), 1, 3, List.of(), null);
        return new AutoscalerObject("ns", "web-hpa", uid, 1L, spec, false, null, null);
    }

    static Evaluation.Result scaled(int current, int desired, Instant lastScaleTime, String activeReason) {
        List<Condition> conditions = List.of(
                new Condition("AbleToScale", "True", "SucceededRescale", "m", lastScaleTime),
                new Condition("ScalingActive", "True", activeReason, "m", SCALED.minusSeconds(600)));
        HpaStatus status = new HpaStatus(current, desired, List.of(), conditions, lastScaleTime);
        return new Evaluation.Result(current, desired, List.of(), desired, desired, desired, status, null, true, true,
                "cpu above target", null, List.of());
    }

    @Test
    void theSameDecisionEvaluatedAgainLaterHasTheSameId() {
        ScalingDecision first = DecisionFactory.decision(autoscaler("u1"), scaled(1, 3, SCALED, "ValidMetricFound"),
                SCALED);
        ScalingDecision again = DecisionFactory.decision(autoscaler("u1"), scaled(1, 3, SCALED, "ValidMetricFound"),
                SCALED.plusSeconds(3600));

        assertThat(again.time()).isNotEqualTo(first.time());
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(UUID.fromString(first.id()).version()).isEqualTo(3); // name-based
    }

    @Test
    void anythingThatMakesItAnotherDecisionChangesTheId() {
        String id = DecisionFactory.decision(autoscaler("u1"), scaled(1, 3, SCALED, "ValidMetricFound"), SCALED).id();

        assertThat(DecisionFactory.decision(autoscaler("u1"), scaled(1, 3, SCALED.plusSeconds(60),
                "ValidMetricFound"), SCALED).id()).as("a later scale").isNotEqualTo(id);
        assertThat(DecisionFactory.decision(autoscaler("u1"), scaled(1, 2, SCALED, "ValidMetricFound"), SCALED).id())
                .as("another count").isNotEqualTo(id);
        assertThat(DecisionFactory.decision(autoscaler("u1"), scaled(1, 3, SCALED, "InvalidSelector"), SCALED).id())
                .as("another condition").isNotEqualTo(id);
        assertThat(DecisionFactory.decision(autoscaler("u2"), scaled(1, 3, SCALED, "ValidMetricFound"), SCALED).id())
                .as("a re-created autoscaler of the same name").isNotEqualTo(id);
    }
}
