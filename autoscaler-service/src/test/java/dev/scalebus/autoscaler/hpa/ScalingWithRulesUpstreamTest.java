package dev.scalebus.autoscaler.hpa;

import static dev.scalebus.autoscaler.hpa.HpaCase.NOW;
import static dev.scalebus.autoscaler.hpa.HpaCase.events;
import static dev.scalebus.autoscaler.hpa.HpaCase.rules;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Port of upstream TestScalingWithRules (convertDesiredReplicasWithBehaviorRate with defaulted rules). */
class ScalingWithRulesUpstreamTest {

    static final List<History.ScaleEvent> NONE = List.of();

    static Arguments row(String name, List<History.ScaleEvent> up, List<History.ScaleEvent> down, int min, int max,
            Behavior.ScalingRules upRules, Behavior.ScalingRules downRules, int current, int desired, int expected,
            String reason) {
        return Arguments.of(name, up, down, min, max, upRules, downRules, current, desired, expected, reason);
    }

    static Stream<Arguments> scalingWithRules() {
        List<History.ScaleEvent> e159 = events(120, 1, 5, 9);
        List<History.ScaleEvent> e8129 = events(120, 8, 12, 9, 11);
        return Stream.of(
                row("prenormalized desired replicas within range", NONE, NONE, 3, 8, null, null, 5, 7, 7,
                        "DesiredWithinRange"),
                row("prenormalized desired replicas < minReplicas", NONE, NONE, 2, 8, null, null, 3, 1, 2,
                        "TooFewReplicas"),
                row("prenormalized desired replicas within range when minReplicas is 0", NONE, NONE, 0, 10, null,
                        null, 1, 0, 0, "DesiredWithinRange"),
                row("maxReplicas is the limit because maxReplicas < scaleUpLimit", NONE, NONE, 1, 10, null, null,
                        20, 1000, 10, "TooManyReplicas"),
                row("desired replica count is more than the maximum replica count", NONE, NONE, 100, 150, null,
                        null, 100, 1000, 150, "TooManyReplicas"),
                row("scaleUpLimit is the limit because scaleUpLimit < maxReplicas with user policies", NONE, NONE, 1,
                        2000, rules(0, 0, 1, 60, 0), null, 3, 1000, 4, "ScaleUpLimit"),
                row("scaleDownLimit is the limit because scaleDownLimit > minReplicas with user defined policies",
                        NONE, NONE, 3, 2000, null, rules(20, 60, 0, 0, 0), 1000, 3, 980, "ScaleDownLimit"),
                row("scaleUp with default behavior", NONE, NONE, 1, 1000, null, null, 10, 50, 20, "ScaleUpLimit"),
                row("scaleUp with pods policy larger than percent policy", NONE, NONE, 1, 1000,
                        rules(100, 60, 100, 60, 0), null, 10, 500, 110, "ScaleUpLimit"),
                row("scaleUp with percent policy larger than pods policy", NONE, NONE, 1, 1000,
                        rules(2, 60, 100, 60, 0), null, 10, 500, 20, "ScaleUpLimit"),
                row("scaleUp with spec MaxReplicas limitation with large pod policy", NONE, NONE, 1, 1000,
                        rules(100, 60, 0, 0, 0), null, 10, 50, 50, "DesiredWithinRange"),
                row("scaleUp with spec MaxReplicas limitation with large percent policy", NONE, NONE, 1, 1000,
                        rules(10000, 60, 0, 0, 0), null, 10, 50, 50, "DesiredWithinRange"),
                row("scaleUp with pod policy limitation", NONE, NONE, 1, 1000, rules(30, 60, 0, 0, 0), null, 10, 50,
                        40, "ScaleUpLimit"),
                row("scaleUp with percent policy limitation", NONE, NONE, 1, 1000, rules(0, 0, 200, 60, 0), null, 10,
                        50, 30, "ScaleUpLimit"),
                row("scaleDown with percent policy larger than pod policy", NONE, NONE, 1, 1000, null,
                        rules(20, 60, 1, 60, 300), 100, 2, 80, "ScaleDownLimit"),
                row("scaleDown with pod policy larger than percent policy", NONE, NONE, 1, 1000, null,
                        rules(2, 60, 1, 60, 300), 100, 2, 98, "ScaleDownLimit"),
                row("scaleDown with spec MinReplicas=nil limitation with large pod policy", NONE, NONE, 1, 1000, null,
                        rules(100, 60, 0, 0, 300), 10, 0, 1, "TooFewReplicas"),
                row("scaleDown with spec MinReplicas limitation with large percent policy", NONE, NONE, 5, 1000, null,
                        rules(0, 0, 100, 60, 300), 10, 2, 5, "TooFewReplicas"),
                row("scaleDown with pod policy limitation", NONE, NONE, 1, 1000, null, rules(5, 60, 0, 0, 300), 10, 2,
                        5, "ScaleDownLimit"),
                row("scaleDown with percent policy limitation", NONE, NONE, 1, 1000, null, rules(0, 0, 50, 60, 300),
                        10, 5, 5, "DesiredWithinRange"),
                row("scaleUp with spec MaxReplicas limitation with large pod policy and events", e159, NONE, 1, 200,
                        rules(300, 60, 0, 0, 0), null, 100, 500, 200, "TooManyReplicas"),
                row("scaleUp with spec MaxReplicas limitation with large percent policy and events", e159, NONE, 1,
                        200, rules(0, 0, 10000, 60, 0), null, 100, 500, 200, "TooManyReplicas"),
                row("scaleUp with currentReplicas limitation with rate.PeriodSeconds with a lot of recent scale up "
                        + "events", e159, NONE, 1, 1000, rules(5, 120, 0, 0, 0), null, 100, 500, 100, "ScaleUpLimit"),
                row("scaleUp with pod policy and previous scale up events", e159, NONE, 1, 1000,
                        rules(150, 120, 0, 0, 0), null, 100, 500, 235, "ScaleUpLimit"),
                row("scaleUp with percent policy and previous scale up events", e159, NONE, 1, 1000,
                        rules(0, 0, 200, 120, 0), null, 100, 500, 255, "ScaleUpLimit"),
                row("scaleUp with percent policy and previous scale up and down events", events(120, 4),
                        events(120, 2), 1, 1000, rules(0, 0, 300, 300, 0), null, 6, 24, 16, "ScaleUpLimit"),
                row("scaleDown with default policy and previous events", NONE, e159, 1, 1000, null, null, 10, 5, 5,
                        "DesiredWithinRange"),
                row("scaleDown with spec MinReplicas=nil limitation with large pod policy and previous events", NONE,
                        e159, 1, 1000, null, rules(115, 120, 0, 0, 300), 100, 0, 1, "TooFewReplicas"),
                row("scaleDown with spec MinReplicas limitation with large pod policy and previous events", NONE,
                        e159, 5, 1000, null, rules(130, 120, 0, 0, 300), 100, 0, 5, "TooFewReplicas"),
                row("scaleDown with spec MinReplicas limitation with large percent policy and previous events", NONE,
                        e159, 5, 1000, null, rules(0, 0, 100, 120, 300), 100, 2, 5, "TooFewReplicas"),
                row("scaleDown with pod policy limitation and previous events", NONE, e159, 1, 1000, null,
                        rules(5, 120, 0, 0, 300), 100, 2, 100, "ScaleDownLimit"),
                row("scaleDown with percent policy limitation and previous events", NONE, events(120, 2, 4, 6), 1,
                        1000, null, rules(0, 0, 50, 120, 300), 100, 0, 56, "ScaleDownLimit"),
                row("scaleDown with percent policy and previous scale up and down events", events(120, 2),
                        events(120, 4), 1, 1000, null, rules(0, 0, 50, 180, 0), 10, 1, 6, "ScaleDownLimit"),
                row("scaleDown with previous events preventing further scale down", NONE, events(120, 10, 10, 10), 1,
                        1000, null, rules(0, 0, 10, 120, 300), 100, 0, 100, "ScaleDownLimit"),
                row("scaleDown with with previous events still allowing more scale down", NONE,
                        events(120, 10, 10, 10), 1, 1000, null, rules(0, 0, 1000, 120, 300), 10, 5, 5,
                        "DesiredWithinRange"),
                row("check 'outdated' flag for events for one behavior for up", e8129, NONE, 1, 1000,
                        rules(1000, 60, 0, 0, 0), null, 100, 200, 200, "DesiredWithinRange"),
                row("check that events were not marked 'outdated' for two different policies in the behavior for up",
                        e8129, NONE, 1, 1000, rules(1000, 120, 100, 60, 0), null, 100, 200, 200,
                        "DesiredWithinRange"),
                row("check that events were marked 'outdated' for two different policies in the behavior for up",
                        e8129, NONE, 1, 1000, rules(1000, 30, 100, 60, 0), null, 100, 200, 200,
                        "DesiredWithinRange"),
                row("check 'outdated' flag for events for one behavior for down", NONE, e8129, 1, 1000, null,
                        rules(1000, 60, 0, 0, 300), 100, 5, 5, "DesiredWithinRange"),
                row("check that events were not marked 'outdated' for two different policies in the behavior for "
                        + "down", NONE, e8129, 1, 1000, null, rules(1000, 120, 100, 60, 300), 100, 5, 5,
                        "DesiredWithinRange"),
                row("check that events were marked 'outdated' for two different policies in the behavior for down",
                        NONE, e8129, 1, 1000, null, rules(1000, 30, 100, 60, 300), 100, 5, 5, "DesiredWithinRange"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void scalingWithRules(String name, List<History.ScaleEvent> up, List<History.ScaleEvent> down, int min, int max,
            Behavior.ScalingRules upRules, Behavior.ScalingRules downRules, int current, int desired, int expected,
            String reason) {
        ScalingLimits.Limited l = ScalingLimits.withBehavior(current, desired, min, max,
                HpaDefaults.scaleUpRules(upRules), HpaDefaults.scaleDownRules(downRules), up, down, NOW);
        assertThat(l.replicas()).isEqualTo(expected);
        assertThat(l.reason()).isEqualTo(reason);
    }
}
