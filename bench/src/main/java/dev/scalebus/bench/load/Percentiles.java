package dev.scalebus.bench.load;

/** Nearest-rank percentiles of sorted samples (the smallest sample with at least p % of the samples at or below). */
final class Percentiles {

    private Percentiles() {
    }

    static long of(long[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
    }
}
