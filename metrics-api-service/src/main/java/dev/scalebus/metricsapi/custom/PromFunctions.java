package dev.scalebus.metricsapi.custom;

import java.util.OptionalDouble;

/**
 * The three ways a rule turns one series into one value at evaluation time {@code now}, as PromQL computes them.
 * A range covers {@code (now - window, now]} (left-open, as Prometheus 3); a staleness marker ends a series'
 * instant value but not the samples before it.
 */
public final class PromFunctions {

    /** Prometheus's default {@code --query.lookback-delta}: how old an instant vector's sample may be. */
    public static final long LOOKBACK_MILLIS = 5 * 60_000L;

    private PromFunctions() {
    }

    /** An instant selector: the newest sample at or before now and within the 5 m lookback, unless stale since. */
    public static OptionalDouble instant(Series s, long nowMillis) {
        for (int i = s.size() - 1; i >= 0; i--) {
            long t = s.timesMillis()[i];
            if (t <= nowMillis) {
                boolean staleAfter = s.staleMillis() >= t && s.staleMillis() <= nowMillis;
                return t > nowMillis - LOOKBACK_MILLIS && !staleAfter ? OptionalDouble.of(s.values()[i])
                        : OptionalDouble.empty();
            }
        }
        return OptionalDouble.empty();
    }

    /**
     * {@code rate(series[window])}, mirroring Prometheus promql/functions.go {@code extrapolatedRate}: the increase
     * between the first and last sample of the range with counter resets corrected (a drop adds the value before
     * it), extrapolated towards the range edges (by the gap to the edge when it is under 1.1 × the average sample
     * interval, else by half an interval; towards the start never below the counter's zero point), divided by the
     * window in seconds. Fewer than two samples in the range: no value.
     */
    public static OptionalDouble rate(Series s, long nowMillis, long windowMillis) {
        long rangeStart = nowMillis - windowMillis;
        int first = -1;
        int last = -1;
        for (int i = 0; i < s.size(); i++) {
            long t = s.timesMillis()[i];
            if (t > rangeStart && t <= nowMillis) {
                first = first < 0 ? i : first;
                last = i;
            }
        }
        if (first < 0 || last - first < 1) {
            return OptionalDouble.empty();
        }
        double[] v = s.values();
        double increase = v[last] - v[first];
        for (int i = first + 1; i <= last; i++) {
            if (v[i] < v[i - 1]) {
                increase += v[i - 1]; // counter reset: the counter restarted from zero
            }
        }
        // in milliseconds, multiplying before dividing: a steady counter sampled across the whole range gives its
        // exact slope (Prometheus computes the same in float seconds)
        long sampled = s.timesMillis()[last] - s.timesMillis()[first];
        double toStart = s.timesMillis()[first] - rangeStart;
        double toEnd = nowMillis - s.timesMillis()[last];
        double averageInterval = (double) sampled / (last - first);
        double threshold = averageInterval * 1.1;
        if (toStart >= threshold) {
            toStart = averageInterval / 2;
        }
        if (increase > 0 && v[first] >= 0) {
            toStart = Math.min(toStart, sampled * (v[first] / increase)); // never extrapolate below zero
        }
        double extrapolateTo = sampled + toStart + (toEnd >= threshold ? averageInterval / 2 : toEnd);
        return OptionalDouble.of(increase * extrapolateTo / sampled / (windowMillis / 1000.0));
    }

    /**
     * {@code irate(series[window])}, Prometheus's {@code instantValue}: the per-second change between the last two
     * samples of the range; after a counter reset the last value itself is the change.
     */
    public static OptionalDouble irate(Series s, long nowMillis, long windowMillis) {
        long rangeStart = nowMillis - windowMillis;
        int last = -1;
        for (int i = s.size() - 1; i >= 0; i--) {
            if (s.timesMillis()[i] <= nowMillis) {
                last = i;
                break;
            }
        }
        if (last < 1 || s.timesMillis()[last - 1] <= rangeStart) {
            return OptionalDouble.empty();
        }
        double lastValue = s.values()[last];
        double previous = s.values()[last - 1];
        double change = lastValue < previous ? lastValue : lastValue - previous;
        double seconds = (s.timesMillis()[last] - s.timesMillis()[last - 1]) / 1000.0;
        return seconds == 0 ? OptionalDouble.empty() : OptionalDouble.of(change / seconds);
    }
}
