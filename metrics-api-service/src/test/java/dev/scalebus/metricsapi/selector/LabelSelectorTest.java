package dev.scalebus.metricsapi.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelSelectorTest {

    private static final Map<String, String> WEB = Map.of("app", "web", "tier", "front", "version", "3");
    private static final Map<String, String> DB = Map.of("app", "db");

    @Test
    void equalityForms() {
        assertThat(LabelSelector.parse("app=web").matches(WEB)).isTrue();
        assertThat(LabelSelector.parse("app==web").matches(WEB)).isTrue();
        assertThat(LabelSelector.parse("app!=web").matches(WEB)).isFalse();
        assertThat(LabelSelector.parse("app!=web").matches(DB)).isTrue();
        assertThat(LabelSelector.parse("tier!=front").matches(DB)).as("missing key satisfies !=").isTrue();
    }

    @Test
    void setForms() {
        assertThat(LabelSelector.parse("app in (web, db)").matches(DB)).isTrue();
        assertThat(LabelSelector.parse("app in (cache)").matches(DB)).isFalse();
        assertThat(LabelSelector.parse("app notin (web)").matches(DB)).isTrue();
        assertThat(LabelSelector.parse("app notin (web)").matches(WEB)).isFalse();
        assertThat(LabelSelector.parse("tier notin (front)").matches(DB)).isTrue();
    }

    @Test
    void existenceFormsAndCommasMeanAnd() {
        assertThat(LabelSelector.parse("tier").matches(WEB)).isTrue();
        assertThat(LabelSelector.parse("tier").matches(DB)).isFalse();
        assertThat(LabelSelector.parse("!tier").matches(DB)).isTrue();
        assertThat(LabelSelector.parse("app=web,tier").matches(WEB)).isTrue();
        assertThat(LabelSelector.parse("app=web,!tier").matches(WEB)).isFalse();
        assertThat(LabelSelector.parse(" app = web , version > 2 ").matches(WEB)).isTrue();
        assertThat(LabelSelector.parse("version<3").matches(WEB)).isFalse();
    }

    @Test
    void emptySelectorMatchesEverythingAndEmptyValueMatchesEmptyLabel() {
        assertThat(LabelSelector.parse("").matches(DB)).isTrue();
        assertThat(LabelSelector.parse(null).isEverything()).isTrue();
        assertThat(LabelSelector.parse("role=").matches(Map.of("role", ""))).isTrue();
        assertThat(LabelSelector.parse("role=").matches(DB)).isFalse();
        assertThat(LabelSelector.parse("example.com/team=a").matches(Map.of("example.com/team", "a"))).isTrue();
    }

    @Test
    void rejectsMalformedSelectorsWithApimachineryWording() {
        assertThatThrownBy(() -> LabelSelector.parse("app in web")).isInstanceOf(SelectorException.class)
                .hasMessage("found 'web', expected: '('");
        assertThatThrownBy(() -> LabelSelector.parse("app in ()")).hasMessageContaining("values set can't be empty");
        assertThatThrownBy(() -> LabelSelector.parse("app=a b")).hasMessage(
                "found 'b', expected: ',' or 'end of string'");
        assertThatThrownBy(() -> LabelSelector.parse("=web")).hasMessageContaining("found '=', expected: !, identifier");
        assertThatThrownBy(() -> LabelSelector.parse("-app=web")).hasMessageContaining("Invalid value: \"-app\"");
        assertThatThrownBy(() -> LabelSelector.parse("app=we$b")).hasMessageContaining("a valid label must be");
        assertThatThrownBy(() -> LabelSelector.parse("app>x")).hasMessageContaining("must be an integer");
        assertThatThrownBy(() -> LabelSelector.parse("app,")).hasMessageContaining("expected: !, identifier");
    }
}
