package dev.scalebus.metricsapi.api;

import java.time.Duration;

/**
 * Formats a duration exactly as Go's {@code time.Duration.String()} does, which is how metrics-server prints
 * {@code window} ({@code "20.064s"}, {@code "1m0.996s"}, {@code "30s"}, {@code "1h0m0s"}, {@code "500ms"}).
 *
 * <p>Go's rules (time/time.go {@code Duration.format}): under one second the largest of ns, µs, ms that keeps the
 * integer part non-zero, with a fraction; from one second on {@code [<h>h][<m>m]<s>[.<frac>]s}, where minutes and
 * seconds are always printed once a larger unit is; the fraction has no trailing zeros and no dot when it is zero.
 */
public final class GoDuration {

    private static final long MICRO = 1_000L;
    private static final long MILLI = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;

    private GoDuration() {
    }

    public static String format(Duration duration) {
        return formatNanos(duration.toNanos());
    }

    public static String ofMillis(long millis) {
        return formatNanos(millis * MILLI);
    }

    public static String formatNanos(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        boolean negative = nanos < 0;
        // Long.MIN_VALUE has no positive counterpart: work on the unsigned magnitude as Go does
        long u = negative ? -nanos : nanos;
        StringBuilder out = new StringBuilder();
        if (Long.compareUnsigned(u, SECOND) < 0) {
            String unit;
            int precision;
            if (u < MICRO) {
                unit = "ns";
                precision = 0;
            } else if (u < MILLI) {
                unit = "µs";
                precision = 3;
            } else {
                unit = "ms";
                precision = 6;
            }
            out.append(integerAndFraction(u, precision)).append(unit);
        } else {
            long seconds = Long.divideUnsigned(u, SECOND);
            long fraction = Long.remainderUnsigned(u, SECOND);
            long minutes = seconds / 60;
            long hours = minutes / 60;
            if (hours > 0) {
                out.append(hours).append('h');
            }
            if (minutes > 0) {
                out.append(minutes % 60).append('m');
            }
            out.append(seconds % 60).append(fractionDigits(fraction, 9)).append('s');
        }
        return negative ? "-" + out : out.toString();
    }

    private static String integerAndFraction(long value, int precision) {
        long scale = 1;
        for (int i = 0; i < precision; i++) {
            scale *= 10;
        }
        return (value / scale) + fractionDigits(value % scale, precision);
    }

    /** ".ddd" without trailing zeros, or "" when the fraction is zero (Go's fmtFrac). */
    private static String fractionDigits(long fraction, int precision) {
        if (fraction == 0) {
            return "";
        }
        StringBuilder digits = new StringBuilder(Long.toString(fraction));
        while (digits.length() < precision) {
            digits.insert(0, '0');
        }
        int end = digits.length();
        while (digits.charAt(end - 1) == '0') {
            end--;
        }
        return "." + digits.substring(0, end);
    }
}
