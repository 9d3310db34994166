package dev.scalebus.autoscaler.hpa;

import static dev.scalebus.autoscaler.hpa.HpaCase.NOW;
import static dev.scalebus.autoscaler.hpa.HpaCase.events;
import static dev.scalebus.autoscaler.hpa.HpaCase.rules;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ports of upstream horizontal_test.go's table tests of the normalization functions (convertDesiredReplicasWithRules,
 * convertDesiredReplicasWithBehaviorRate, the limit calculators, stabilization and storeScaleEvent), run against
 * the same functions the {@link Evaluator} uses.
 */
class NormalizationUpstreamTest {

    static History.Recommendation rec(int replicas, Duration age) {
        return new History.Recommendation(replicas, NOW.minus(age));
    }

    static Duration min(long m) {
        return Duration.ofMinutes(m);
    }

    static Stream<Arguments> convertDesiredReplicasWithRules() {
        return Stream.of(
                Arguments.of("prenormalized desired replicas within range", 5, 7, 3, 8, 7, "DesiredWithinRange"),
                Arguments.of("prenormalized desired replicas < minReplicas", 3, 1, 2, 8, 2, "TooFewReplicas"),
                Arguments.of("prenormalized desired zeroed replicas within range", 1, 0, 0, 10, 0,
                        "DesiredWithinRange"),
                Arguments.of("maxReplicas is the limit because maxReplicas < scaleUpLimit", 20, 1000, 1, 10, 10,
                        "TooManyReplicas"),
                Arguments.of("scaleUpLimit is the limit because scaleUpLimit < maxReplicas", 3, 1000, 1, 2000, 24,
                        "ScaleUpLimit"));
    }

    @ParameterizedTest(name = "{0}") // TestConvertDesiredReplicasWithRules (scaleUpLimitFactor 8 as upstream's init)
    @MethodSource
    void convertDesiredReplicasWithRules(String name, int current, int desired, int min, int max, int expected,
            String reason) {
        ScalingLimits.Limited l = ScalingLimits.legacy(current, desired, min, max, 8.0, 4.0);
        assertThat(l.replicas()).isEqualTo(expected);
        assertThat(l.reason()).isEqualTo(reason);
    }

    @Test // legacy path with the production factor 2.0 / minimum 4.0
    void legacyScaleUpLimitIsTwiceCurrentOrFour() {
        assertThat(ScalingLimits.legacy(1, 100, 1, 100, 2.0, 4.0).replicas()).isEqualTo(4);
        assertThat(ScalingLimits.legacy(5, 100, 1, 100, 2.0, 4.0).replicas()).isEqualTo(10);
        assertThat(ScalingLimits.legacy(5, 100, 1, 100, 2.0, 4.0).reason()).isEqualTo("ScaleUpLimit");
    }

    @Test // TestCalculateScaleUpLimitWithScalingRules
    void minSelectPolicyPicksSmallestScaleUp() {
        var r = new Behavior.ScalingRules(300, "Min", List.of(new Behavior.ScalingPolicy("Pods", 2, 60),
                new Behavior.ScalingPolicy("Percent", 50, 60)), null);
        assertThat(ScalingLimits.scaleUpLimit(1, List.of(), List.of(), r, NOW)).isEqualTo(2);
    }

    @Test // TestCalculateScaleDownLimitWithBehaviors
    void minSelectPolicyPicksSmallestScaleDown() {
        var r = new Behavior.ScalingRules(300, "Min", List.of(new Behavior.ScalingPolicy("Pods", 2, 60),
                new Behavior.ScalingPolicy("Percent", 50, 60)), null);
        assertThat(ScalingLimits.scaleDownLimit(5, List.of(), List.of(), r, NOW)).isEqualTo(3);
    }

    @Test // selectPolicy Disabled returns the current count in both directions
    void disabledSelectPolicyNeverScales() {
        var r = new Behavior.ScalingRules(0, "Disabled", List.of(new Behavior.ScalingPolicy("Pods", 2, 60)), null);
        assertThat(ScalingLimits.withBehavior(5, 10, 1, 20, r, r, List.of(), List.of(), NOW).replicas()).isEqualTo(5);
        assertThat(ScalingLimits.withBehavior(5, 1, 1, 20, r, r, List.of(), List.of(), NOW).replicas()).isEqualTo(5);
    }

    static Stream<Arguments> normalizeDesiredReplicas() {
        return Stream.of(
                Arguments.of("empty log", List.of(), 5, 5, 1),
                Arguments.of("stabilize", List.of(rec(4, min(2)), rec(5, min(1))), 3, 5, 3),
                Arguments.of("no stabilize", List.of(rec(1, min(2)), rec(2, min(1))), 3, 3, 3),
                Arguments.of("no stabilize - old recommendations", List.of(rec(10, min(10)), rec(9, min(9))), 3, 3, 2),
                Arguments.of("stabilize - old recommendations", List.of(rec(10, min(10)), rec(4, min(1)),
                        rec(5, min(2)), rec(9, min(9))), 3, 5, 4));
    }

    @ParameterizedTest(name = "{0}") // TestNormalizeDesiredReplicas
    @MethodSource
    void normalizeDesiredReplicas(String name, List<History.Recommendation> recs, int desired, int expected,
            int logLength) {
        List<History.Recommendation> log = new ArrayList<>(recs);
        assertThat(Stabilizer.legacy(log, desired, Duration.ofMinutes(5), NOW)).isEqualTo(expected);
        assertThat(log).hasSize(logLength);
    }

    static Stream<Arguments> normalizeDesiredReplicasWithBehavior() {
        return Stream.of(
                Arguments.of("empty recommendations for scaling down", List.of(), 100, 5, 5, List.of(5), 0, 0),
                Arguments.of("simple scale down stabilization", List.of(rec(4, min(2)), rec(5, min(1))), 100, 3, 5,
                        List.of(4, 5, 3), 0, 180),
                Arguments.of("simple scale up stabilization", List.of(rec(4, min(2)), rec(5, min(1))), 1, 7, 4,
                        List.of(4, 5, 7), 300, 0),
                Arguments.of("no scale down stabilization", List.of(rec(1, min(2)), rec(2, min(1))), 100, 3, 3,
                        List.of(1, 2, 3), 300, 0),
                Arguments.of("no scale up stabilization", List.of(rec(4, min(2)), rec(5, min(1))), 1, 3, 3,
                        List.of(4, 5, 3), 0, 300),
                Arguments.of("no scale down stabilization, reuse recommendation element",
                        List.of(rec(10, min(10)), rec(9, min(9))), 100, 3, 3, List.of(10, 3), 0, 0),
                Arguments.of("no scale up stabilization, reuse recommendation element",
                        List.of(rec(10, min(10)), rec(9, min(9))), 1, 100, 100, List.of(10, 100), 0, 0),
                Arguments.of("scale down stabilization, reuse one of obsolete recommendation element",
                        List.of(rec(10, min(10)), rec(4, min(1)), rec(5, min(2)), rec(9, min(9))), 100, 3, 5,
                        List.of(10, 4, 5, 3), 0, 180),
                Arguments.of("scale up stabilization, reuse one of obsolete recommendation element",
                        List.of(rec(10, min(100)), rec(6, min(1)), rec(5, min(2)), rec(9, min(3))), 1, 100, 5,
                        List.of(100, 6, 5, 9), 300, 0),
                Arguments.of("scale up and down stabilization, do not scale up when prenormalized rec goes down",
                        List.of(rec(2, min(100)), rec(3, min(3))), 2, 1, 2, null, 300, 300),
                Arguments.of("scale up and down stabilization, do not scale down when prenormalized rec goes up",
                        List.of(rec(2, min(100)), rec(1, min(3))), 2, 3, 2, null, 300, 300));
    }

    @ParameterizedTest(name = "{0}") // TestNormalizeDesiredReplicasWithBehavior
    @MethodSource
    void normalizeDesiredReplicasWithBehavior(String name, List<History.Recommendation> recs, int current,
            int desired, int expected, List<Integer> expectedLog, int upWindow, int downWindow) {
        List<History.Recommendation> log = new ArrayList<>(recs);
        assertThat(Stabilizer.withBehavior(log, current, desired, upWindow, downWindow, NOW).replicas())
                .isEqualTo(expected);
        if (expectedLog != null) {
            assertThat(log).extracting(History.Recommendation::replicas).isEqualTo(expectedLog);
        }
    }

    @Test // TestStoreScaleEvents
    void storeScaleEventsReplacesTheLastOutdatedEvent() {
        record Case(String name, List<History.ScaleEvent> prev, Behavior.ScalingRules rules, int expectedChange,
                List<Integer> newChanges, List<Boolean> newOutdated) {
        }
        List<Case> cases = List.of(
                new Case("empty entries with default behavior", List.of(), null, 0, List.of(), List.of()),
                new Case("empty entries with two-policy-behavior", List.of(), rules(10, 60, 100, 60, 0), 0,
                        List.of(5), List.of(false)),
                new Case("one outdated entry to be kept untouched without behavior", List.of(ev(7, 61)), null, 0,
                        List.of(7), List.of(false)),
                new Case("one outdated entry to be replaced with behavior", List.of(ev(7, 61)),
                        rules(10, 60, 100, 60, 0), 0, List.of(5), List.of(false)),
                new Case("one actual entry to be not touched with behavior", List.of(ev(7, 58)),
                        rules(10, 60, 100, 60, 0), 7, List.of(7, 5), List.of(false, false)),
                new Case("two entries, one of them to be replaced", List.of(ev(7, 61), ev(6, 59)),
                        rules(10, 60, 0, 0, 0), 6, List.of(5, 6), List.of(false, false)),
                new Case("replace one entry, use policies with different periods",
                        List.of(ev(8, 29), ev(6, 59), ev(7, 61), ev(9, 61)), rules(10, 60, 100, 30, 0), 14,
                        List.of(8, 6, 7, 5), List.of(false, false, true, false)),
                new Case("two entries, both actual", List.of(ev(7, 58), ev(6, 59)), rules(10, 120, 100, 30, 0), 13,
                        List.of(7, 6, 5), List.of(false, false, false)));
        for (Case c : cases) {
            // scale up
            List<History.ScaleEvent> up = new ArrayList<>(c.prev());
            assertThat(ScalingLimits.changeInPeriod(60, up, NOW)).as(c.name()).isEqualTo(c.expectedChange());
            ScaleEvents.store(c.rules() == null ? null : new Behavior(c.rules(), null), up, new ArrayList<>(), 10, 15,
                    NOW);
            assertThat(up).as(c.name()).extracting(History.ScaleEvent::replicaChange).isEqualTo(c.newChanges());
            assertThat(up).as(c.name()).extracting(History.ScaleEvent::outdated).isEqualTo(c.newOutdated());
            // scale down
            List<History.ScaleEvent> down = new ArrayList<>(c.prev());
            ScaleEvents.store(c.rules() == null ? null : new Behavior(null, c.rules()), new ArrayList<>(), down, 10, 5,
                    NOW);
            assertThat(down).as(c.name()).extracting(History.ScaleEvent::replicaChange).isEqualTo(c.newChanges());
            assertThat(down).as(c.name()).extracting(History.ScaleEvent::outdated).isEqualTo(c.newOutdated());
        }
    }

    static History.ScaleEvent ev(int change, int ageSeconds) {
        return new History.ScaleEvent(change, NOW.minusSeconds(ageSeconds), false);
    }
}
