package dev.scalebus.autoscaler.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The step limit stops the parse itself, for JSON and YAML. */
class StepCapTest {

    static String yaml(int steps, String last) {
        StringBuilder b = new StringBuilder("spec: {maxReplicas: 3}\nscale: {specReplicas: 1}\nsteps:\n");
        for (int i = 0; i < steps; i++) {
            b.append("- {}\n");
        }
        return b.append(last).toString();
    }

    @Test
    void theStepOverTheLimitEndsTheParseBeforeAnythingLaterIsRead() {
        // step 10,001 is fine, the one after it has an unknown field: the limit answers, so the parse stopped
        String json = SimulateCapsTest.withSteps(10_001, "{}").replace("{}]}", "{}, {\"bogus\": 1}]}");
        assertThatThrownBy(() -> Mappers.read(json, "application/json", SimulateRequest.class, 10_000))
                .isInstanceOfSatisfying(BadInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("steps");
                    assertThat(e.getMessage()).isEqualTo("has more than 10000 items, over the limit of 10000"
                            + " (scalebus.autoscaler.simulate.max-steps)");
                });
        assertThatThrownBy(() -> Mappers.read(json, "application/json", SimulateRequest.class))
                .isInstanceOfSatisfying(BadInputException.class, e -> assertThat(e.field()).isEqualTo("steps[10001].bogus"));
    }

    @Test
    void yamlStepsAreCountedToo() {
        assertThatThrownBy(() -> Mappers.read(yaml(10_001, ""), "application/yaml", SimulateRequest.class, 10_000))
                .isInstanceOfSatisfying(BadInputException.class, e -> assertThat(e.field()).isEqualTo("steps"));
    }

    @Test
    void stepsUpToTheLimitAreRead() {
        assertThat(Mappers.read(yaml(10_000, ""), "application/yaml", SimulateRequest.class, 10_000).steps())
                .hasSize(10_000);
    }
}
