package dev.scalebus.history.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebus.events.ContainerSample;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodTotalsTest {

    private static ContainerSample c(Long cpu, Long mem, Long cpuReq, Long memReq) {
        Instant t = Instant.parse("2026-11-22T00:00:00Z");
        return new ContainerSample("c", false, t, t, 15000L, cpu, null, mem, cpuReq, null, memReq, null);
    }

    @Test
    void sumsUsageAndRequestsOverContainers() {
        assertThat(PodTotals.of(List.of(c(10L, 100L, 250L, 1000L), c(5L, 50L, null, 24L))))
                .isEqualTo(new PodTotals(15L, 150L, 250L, 1024L));
    }

    @Test
    void usageIsUnknownWhenAnyContainerLacksIt() {
        PodTotals t = PodTotals.of(List.of(c(10L, 100L, null, null), c(null, 50L, null, null)));
        assertThat(t.cpuNanoCores()).isNull();
        assertThat(t.memoryWorkingSetBytes()).isEqualTo(150L);
        assertThat(t.cpuRequestMilliCores()).isNull();
    }
}
