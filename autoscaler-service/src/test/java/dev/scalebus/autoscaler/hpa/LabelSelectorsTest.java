package dev.scalebus.autoscaler.hpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelSelectorsTest {

    @Test
    void parsesEqualitySetAndExistenceRequirements() {
        var s = LabelSelectors.parse("app=web,tier in (front, edge),!canary,env!=dev");
        assertThat(s.test(Map.of("app", "web", "tier", "edge", "env", "prod"))).isTrue();
        assertThat(s.test(Map.of("app", "web", "tier", "back", "env", "prod"))).isFalse();
        assertThat(s.test(Map.of("app", "web", "tier", "front", "canary", "1"))).isFalse();
        assertThat(s.test(Map.of("app", "web", "tier", "front", "env", "dev"))).isFalse();
    }

    @Test
    void rejectsWhatLabelsParseRejects() {
        assertThatThrownBy(() -> LabelSelectors.parse("cheddar cheese")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cheddar cheese");
        assertThatThrownBy(() -> LabelSelectors.parse("a=b,")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void metavLabelSelectorMatchesLabelsAndExpressions() {
        var sel = new MetricSpec.LabelSelector(Map.of("queue", "orders"), java.util.List.of(
                new MetricSpec.LabelSelector.Requirement("region", "NotIn", java.util.List.of("eu"))));
        assertThat(LabelSelectors.of(sel).test(Map.of("queue", "orders", "region", "us"))).isTrue();
        assertThat(LabelSelectors.of(sel).test(Map.of("queue", "orders", "region", "eu"))).isFalse();
        assertThat(LabelSelectors.of(null).test(Map.of())).isTrue();
    }
}
