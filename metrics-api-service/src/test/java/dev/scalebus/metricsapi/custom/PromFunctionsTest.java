package dev.scalebus.metricsapi.custom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** rate, irate and instant values against hand-computed Prometheus results. */
class PromFunctionsTest {

    private static final long S = 1000;
    private static final long WINDOW = 120 * S;

    /** Samples every 15 s at t = 0, 15, ..., 120 s. */
    private static Series every15s(double... values) {
        long[] t = new long[values.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = i * 15 * S;
        }
        return new Series("c", Map.of(), t, values, Long.MAX_VALUE);
    }

    @Test
    void rateOfASteadyCounterIsItsSlopeAndTheLeftOpenRangeExcludesTheSampleAtItsStart() {
        // range (0, 120]: first sample at 15 s (15), last at 120 s (120); gaps to both edges under 1.1 intervals,
        // so Prometheus extrapolates 105 over 105 s to the full 120 s: 120 / 120 s
        Series s = every15s(0, 15, 30, 45, 60, 75, 90, 105, 120);
        assertThat(PromFunctions.rate(s, 120 * S, WINDOW).getAsDouble()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void rateAddsTheValueBeforeACounterReset() {
        // 100 -> 130 (+30), reset to 5 (+5 from zero), 5 -> 65 (+60): increase 95 over 105 s sampled, extrapolated
        // by 15 s to the range start (the zero point, 110 s back, is further) and 0 s to the end
        Series s = every15s(85, 100, 115, 130, 5, 20, 35, 50, 65);
        double expected = 95.0 * (120.0 / 105.0) / 120.0;
        assertThat(PromFunctions.rate(s, 120 * S, WINDOW).getAsDouble()).isCloseTo(expected, within(1e-9));
    }

    @Test
    void rateExtrapolatesOnlyHalfAnIntervalPastASeriesThatStartsInsideTheRange() {
        // samples at 60..120 s in a 120 s range: the start gap (60 s) exceeds 1.1 intervals -> half an interval
        long[] t = {60 * S, 75 * S, 90 * S, 105 * S, 120 * S};
        Series s = new Series("c", Map.of(), t, new double[] {1000, 1015, 1030, 1045, 1060}, Long.MAX_VALUE);
        double expected = 60.0 * ((60.0 + 7.5) / 60.0) / 120.0;
        assertThat(PromFunctions.rate(s, 120 * S, WINDOW).getAsDouble()).isCloseTo(expected, within(1e-9));
    }

    @Test
    void rateNeverExtrapolatesACounterBelowZero() {
        // first sample 2 with increase 30 over 60 s: the zero point is 4 s before it, closer than the 7.5 s guess
        long[] t = {60 * S, 75 * S, 90 * S, 105 * S, 120 * S};
        Series s = new Series("c", Map.of(), t, new double[] {2, 9.5, 17, 24.5, 32}, Long.MAX_VALUE);
        double expected = 30.0 * ((60.0 + 4.0) / 60.0) / 120.0;
        assertThat(PromFunctions.rate(s, 120 * S, WINDOW).getAsDouble()).isCloseTo(expected, within(1e-9));
    }

    @Test
    void rateNeedsTwoSamplesInTheRange() {
        Series s = every15s(0, 15);
        assertThat(PromFunctions.rate(s, 200 * S, WINDOW)).isEmpty();
    }

    @Test
    void irateUsesTheLastTwoSamplesAndTheLastValueAfterAReset() {
        assertThat(PromFunctions.irate(every15s(0, 10, 40), 30 * S, WINDOW).getAsDouble()).isEqualTo(2.0);
        assertThat(PromFunctions.irate(every15s(0, 130, 5), 30 * S, WINDOW).getAsDouble())
                .isCloseTo(5.0 / 15, within(1e-12));
        // evaluated at 20 s, the sample at 30 s is in the future: 0 -> 130
        assertThat(PromFunctions.irate(every15s(0, 130, 5), 20 * S, WINDOW).getAsDouble())
                .isCloseTo(130.0 / 15, within(1e-12));
        assertThat(PromFunctions.irate(every15s(0, 130), 20 * S, 10 * S)).isEmpty(); // previous sample out of range
    }

    @Test
    void instantTakesTheNewestSampleWithinTheLookbackUnlessStale() {
        Series s = every15s(1, 2, 3);
        assertThat(PromFunctions.instant(s, 40 * S).getAsDouble()).isEqualTo(3);
        assertThat(PromFunctions.instant(s, 20 * S).getAsDouble()).isEqualTo(2);
        assertThat(PromFunctions.instant(s, 30 * S + PromFunctions.LOOKBACK_MILLIS)).isEmpty();
        Series stale = new Series("c", Map.of(), s.timesMillis(), s.values(), 45 * S);
        assertThat(PromFunctions.instant(stale, 44 * S).getAsDouble()).isEqualTo(3);
        assertThat(PromFunctions.instant(stale, 45 * S)).isEmpty();
        // a stale series' samples still count in a range
        assertThat(PromFunctions.irate(stale, 60 * S, WINDOW).getAsDouble()).isCloseTo(1.0 / 15, within(1e-12));
    }
}
