package dev.scalebus.metricsapi.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldSelectorTest {

    private static final Map<String, String> POD = Map.of("metadata.name", "web-1", "metadata.namespace", "shop");

    @Test
    void matchesNameAndNamespaceWithEveryOperator() {
        assertThat(FieldSelector.parse("metadata.name=web-1").matches(POD)).isTrue();
        assertThat(FieldSelector.parse("metadata.name==web-2").matches(POD)).isFalse();
        assertThat(FieldSelector.parse("metadata.name!=web-2").matches(POD)).isTrue();
        assertThat(FieldSelector.parse("metadata.namespace=shop,metadata.name!=web-1").matches(POD)).isFalse();
        assertThat(FieldSelector.parse("").matches(POD)).isTrue();
    }

    @Test
    void aMissingFieldCountsAsEmpty() {
        Map<String, String> node = Map.of("metadata.name", "n1");
        assertThat(FieldSelector.parse("metadata.namespace=x").matches(node)).isFalse();
        assertThat(FieldSelector.parse("metadata.namespace!=x").matches(node)).isTrue();
    }

    @Test
    void rejectsUnknownFieldsAndTermsWithoutOperator() {
        assertThatThrownBy(() -> FieldSelector.parse("spec.nodeName=n1")).isInstanceOf(SelectorException.class)
                .hasMessage("\"spec.nodeName\" is not a known field selector: only \"metadata.name\", "
                        + "\"metadata.namespace\"");
        assertThatThrownBy(() -> FieldSelector.parse("metadata.name")).hasMessage(
                "invalid selector: 'metadata.name'; can't understand 'metadata.name'");
    }

    @Test
    void honoursEscapedSeparators() {
        assertThat(FieldSelector.parse("metadata.name=a\\,b").matches(Map.of("metadata.name", "a,b"))).isTrue();
    }
}
