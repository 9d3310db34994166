package dev.scalebus.autoscaler.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebus.autoscaler.hpa.MetricReads;
import dev.scalebus.autoscaler.hpa.PodInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadModelTest {

    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");
    private static final Duration DELAY = Duration.ofSeconds(30);

    // three recorded pods: two ready (600m + 300m, 200 + 100 MiB), one not ready; requests 500m / 256 MiB and
    // 300m / 128 MiB on the third
    private static final Scrape SCRAPE = new Scrape(T, List.of(
            new RecordedPod(T, "a", "Running", true, 600_000_000L, 200L << 20, 500L, 256L << 20),
            new RecordedPod(T, "b", "Running", true, 300_000_000L, 100L << 20, 500L, 256L << 20),
            new RecordedPod(T, "c", "Running", false, null, null, 200L, 64L << 20)));

    private static List<LoadModel.CandidatePod> candidate(int old, int added, Instant bornAt) {
        List<LoadModel.CandidatePod> pods = new java.util.ArrayList<>();
        for (int i = 0; i < old + added; i++) {
            pods.add(new LoadModel.CandidatePod("candidate-" + i, i < old ? null : bornAt));
        }
        return pods;
    }

    private static long total(MetricReads.ResourceRead read, String resource) {
        return read.pods().stream().flatMap(p -> p.containers().stream())
                .mapToLong(c -> c.usage().get(resource).nanoValue() / ("cpu".equals(resource) ? 1 : 1_000_000_000L))
                .sum();
    }

    @Test
    void asManyReplicasAsRecordedUsesTheRecordedPodsAsTheyAre() {
        LoadModel.View view = LoadModel.of(SCRAPE, lifecycles(), candidate(3, 0, null), DELAY);

        assertThat(view.pods()).extracting(PodInfo::name).containsExactly("a", "b", "c");
        assertThat(view.read().pods()).extracting(MetricReads.PodUsage::pod).containsExactly("a", "b");
        assertThat(view.utilization().get("cpu")).isCloseTo(90.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void moreReplicasConserveTheRecordedTotalsSpreadEvenlyWithAverageRequests() {
        LoadModel.View view = LoadModel.of(SCRAPE, lifecycles(), candidate(5, 0, null), DELAY);

        assertThat(view.pods()).hasSize(5);
        assertThat(view.read().pods()).hasSize(5);
        assertThat(total(view.read(), "cpu")).isEqualTo(900_000_000L);
        assertThat(total(view.read(), "memory")).isCloseTo(300L << 20, org.assertj.core.data.Offset.offset(5L));
        assertThat(view.read().pods().get(0).containers().get(0).usage().get("cpu").nanoValue())
                .isEqualTo(180_000_000L);
        // requests: the average of the recorded pods, (500 + 500 + 200) / 3 = 400m
        assertThat(view.pods().get(0).containers().get(0).requests().get("cpu").milliValue()).isEqualTo(400);
        assertThat(view.utilization().get("cpu")).isCloseTo(45.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void podsAddedByTheCandidateArePendingWithoutUsageUntilTheReadinessDelayHasPassed() {
        LoadModel.View early = LoadModel.of(SCRAPE, lifecycles(), candidate(2, 2, T.minusSeconds(15)), DELAY);
        LoadModel.View later = LoadModel.of(SCRAPE, lifecycles(), candidate(2, 2, T.minusSeconds(30)), DELAY);

        assertThat(early.pods()).extracting(PodInfo::phase).containsExactly("Running", "Running", "Pending",
                "Pending");
        assertThat(early.read().pods()).hasSize(2);
        assertThat(total(early.read(), "cpu")).isEqualTo(900_000_000L);
        assertThat(later.read().pods()).hasSize(4);
        assertThat(total(later.read(), "cpu")).isEqualTo(900_000_000L);
    }

    @Test
    void fewerReplicasCarryTheWholeRecordedLoad() {
        LoadModel.View view = LoadModel.of(SCRAPE, lifecycles(), candidate(1, 0, null), DELAY);

        assertThat(view.read().pods()).singleElement().satisfies(p ->
                assertThat(p.containers().get(0).usage().get("cpu").nanoValue()).isEqualTo(900_000_000L));
    }

    private static Lifecycles lifecycles() {
        Lifecycles l = new Lifecycles();
        l.observe(SCRAPE);
        return l;
    }
}
