package dev.scalebus.history.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebus.history.api.DecisionResource;
import dev.scalebus.history.api.SampleResource;
import dev.scalebus.history.api.SummaryResource;
import jakarta.ws.rs.GET;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every REST method names the permission it needs, per the shared contract (samples or decisions, get or list). */
class EveryEndpointIsGuardedTest {

    @Test
    void everyRestMethodCarriesAReadsRuleOfTheContract() {
        List<Method> methods = Arrays.stream(new Class<?>[] {DecisionResource.class, SampleResource.class,
                SummaryResource.class}).flatMap(c -> Arrays.stream(c.getDeclaredMethods()))
                .filter(m -> m.isAnnotationPresent(GET.class)).toList();
        assertThat(methods).hasSize(10);
        for (Method m : methods) {
            Reads reads = m.getAnnotation(Reads.class);
            assertThat(reads).as(m.toString()).isNotNull();
            assertThat(reads.verb()).as(m.toString()).isIn("get", "list");
            assertThat(reads.resource()).as(m.toString()).isEqualTo(
                    m.getDeclaringClass() == DecisionResource.class ? "decisions" : "samples");
        }
        assertThat(methods.stream().filter(m -> m.getAnnotation(Reads.class).verb().equals("get"))
                .map(Method::getName).toList()).isEqualTo(List.of("get"));
    }
}
