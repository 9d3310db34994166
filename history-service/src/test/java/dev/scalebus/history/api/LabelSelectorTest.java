package dev.scalebus.history.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelSelectorTest {

    @Test
    void parsesEqualityRequirements() {
        assertThat(LabelSelector.parse("app=web, tier==front,app.kubernetes.io/name=api"))
                .isEqualTo(Map.of("app", "web", "tier", "front", "app.kubernetes.io/name", "api"));
    }

    @Test
    void refusesSetBasedAndMalformedRequirements() {
        for (String bad : new String[] {"app!=web", "app in (a,b)", "!app", "app", "=web", "a b=c", ""}) {
            assertThatThrownBy(() -> LabelSelector.parse(bad)).as(bad)
                    .isInstanceOfSatisfying(InvalidRequestException.class,
                            e -> assertThat(e.field()).isEqualTo("labelSelector"));
        }
    }
}
