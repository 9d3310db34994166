package dev.scalebus.collector.rate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebus.collector.rate.RateCalculator.Gap;
import dev.scalebus.collector.rate.RateTracker.ContainerKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RateTrackerTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant START = T0.minusSeconds(3600);
    private static final ContainerKey APP = new ContainerKey("ns", "pod", "app");

    private final RateTracker tracker = new RateTracker(Duration.ofSeconds(15));

    @Test
    void computesRateOverTheTimeBetweenTwoPoints() {
        assertThat(container(APP, START, T0, 1_000_000_000L, null).rate()).isNull();

        RateCalculator.Outcome second = container(APP, START, T0.plusMillis(10_500), 2_500_000_000L, null);

        assertThat(second.gap()).isEqualTo(Gap.NONE);
        assertThat(second.rate().windowMillis()).isEqualTo(10_500L);
        assertThat(second.rate().cpuNanoCores()).isEqualTo(1_500_000_000L * 1_000_000_000L / 10_500_000_000L);
    }

    @Test
    void firstPointUsesTheKubeletsOwnRateWhenTheSummaryApiGaveOne() {
        RateCalculator.Outcome first = container(APP, START, T0, 1_000L, 905_223L);

        assertThat(first.gap()).isEqualTo(Gap.FIRST_POINT);
        assertThat(first.rate()).isEqualTo(new CpuRate(905_223L, null));
    }

    @Test
    void restartGivesNoRateUntilTheNextPointOfTheNewIncarnation() {
        container(APP, START, T0, 50_000_000_000L, null);
        Instant restart = T0.plusSeconds(10); // younger than 10 s at the next scrape: no fresh-container rate

        RateCalculator.Outcome afterRestart = container(APP, restart, T0.plusSeconds(15), 4_000_000_000L, null);
        RateCalculator.Outcome next = container(APP, restart, T0.plusSeconds(30), 7_000_000_000L, null);

        assertThat(afterRestart.gap()).isEqualTo(Gap.RESTARTED);
        assertThat(afterRestart.rate()).isNull();
        assertThat(next.rate()).isEqualTo(new CpuRate(200_000_000L, 15_000L));
    }

    @Test
    void counterDecreaseGivesNoRateUntilTheNextPoint() {
        container(APP, null, T0, 9_000_000_000L, null);

        RateCalculator.Outcome reset = container(APP, null, T0.plusSeconds(15), 1_000_000_000L, null);
        RateCalculator.Outcome next = container(APP, null, T0.plusSeconds(30), 4_000_000_000L, null);

        assertThat(reset.gap()).isEqualTo(Gap.COUNTER_DECREASED);
        assertThat(reset.rate()).isNull();
        assertThat(next.rate()).isEqualTo(new CpuRate(200_000_000L, 15_000L));
    }

    @Test
    void freshContainerIsMeasuredFromItsStartLikeMetricsServer() {
        Instant start = T0.minusSeconds(12);

        RateCalculator.Outcome first = container(APP, start, T0, 6_000_000_000L, null);

        assertThat(first.rate()).isEqualTo(new CpuRate(500_000_000L, 12_000L));
    }

    @Test
    void containerYoungerThanTenSecondsHasNoFirstRate() {
        assertThat(container(APP, T0.minusSeconds(5), T0, 6_000_000_000L, null).rate()).isNull();
    }

    @Test
    void repeatedKubeletPointRepeatsTheLastRateAndAnOlderPointStartsOver() {
        container(APP, START, T0, 1_000_000_000L, null);
        CpuRate rate = container(APP, START, T0.plusSeconds(10), 2_000_000_000L, null).rate();

        RateCalculator.Outcome repeated = container(APP, START, T0.plusSeconds(10), 2_000_000_000L, null);
        RateCalculator.Outcome older = container(APP, START, T0.plusSeconds(5), 1_500_000_000L, null);
        RateCalculator.Outcome next = container(APP, START, T0.plusSeconds(20), 4_000_000_000L, null);

        assertThat(repeated.rate()).isEqualTo(rate);
        assertThat(older.gap()).isEqualTo(Gap.NOT_NEWER);
        assertThat(older.rate()).isNull();
        // the older point is the new baseline (metrics-server drops the stored newer point): 2.5 s of CPU in 15 s
        assertThat(next.rate()).isEqualTo(new CpuRate(166_666_666L, 15_000L));
    }

    @Test
    void kubeletClockSetBackAMinuteGivesARateAgainAtTheNextPoint() {
        container(APP, START, T0.plusSeconds(60), 1_000_000_000L, null); // a clock 60 s ahead
        container(APP, START, T0.plusSeconds(65), 2_000_000_000L, null);

        RateCalculator.Outcome corrected = container(APP, START, T0.plusSeconds(10), 3_000_000_000L, null);
        RateCalculator.Outcome next = container(APP, START, T0.plusSeconds(15), 3_500_000_000L, null);

        assertThat(corrected.rate()).isNull();
        assertThat(next.rate()).as("not held back until the clock passes T0+65 s")
                .isEqualTo(new CpuRate(100_000_000L, 5_000L));
    }

    @Test
    void nodeRateDoesNotOverflowForBusyNodes() {
        RateTracker.Observation first = tracker.observe("n");
        first.node(new CumulativePoint(null, T0, 8_000_000_000_000_000_000L, null));
        RateTracker.Observation second = tracker.observe("n");

        // 640 core-seconds in 10 s: delta × 1e9 = 6.4e20 does not fit a long
        CpuRate rate = second.node(new CumulativePoint(null, T0.plusSeconds(10),
                8_000_000_000_000_000_000L + 640_000_000_000L, null)).rate();

        assertThat(rate).isEqualTo(new CpuRate(64_000_000_000L, 10_000L));
    }

    @Test
    void forgetsContainersThatVanishedAndNodesThatLeft() {
        ContainerKey other = new ContainerKey("ns", "gone", "c");
        RateTracker.Observation first = tracker.observe("n");
        first.container(APP, new CumulativePoint(START, T0, 1_000L, null));
        first.container(other, new CumulativePoint(START, T0, 1_000L, null));
        first.finish();
        tracker.observe("m").container(APP, new CumulativePoint(START, T0, 1_000L, null));
        assertThat(tracker.containerSeries()).isEqualTo(3);

        RateTracker.Observation second = tracker.observe("n");
        second.container(APP, new CumulativePoint(START, T0.plusSeconds(10), 2_000L, null));
        second.finish();
        assertThat(tracker.containerSeries()).isEqualTo(2);

        tracker.retainNodes(Set.of("n"));
        assertThat(tracker.containerSeries()).isEqualTo(1);
        RateTracker.Observation back = tracker.observe("n");
        assertThat(back.container(other, new CumulativePoint(START, T0.plusSeconds(20), 3_000L, null)).gap())
                .isEqualTo(Gap.FIRST_POINT);
    }

    private RateCalculator.Outcome container(ContainerKey key, Instant start, Instant ts, long cumulative,
            Long kubeletNanoCores) {
        RateTracker.Observation observation = tracker.observe("n");
        RateCalculator.Outcome outcome = observation.container(key,
                new CumulativePoint(start, ts, cumulative, kubeletNanoCores));
        observation.finish();
        return outcome;
    }
}
