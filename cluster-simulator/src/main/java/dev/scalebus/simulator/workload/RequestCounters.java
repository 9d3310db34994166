package dev.scalebus.simulator.workload;

/**
 * The request counter and latency histogram of the container that serves a pod's traffic, integrated in the same
 * steps as its CPU counter (so both come from one model). Latency is exponentially distributed with a mean that
 * grows with CPU utilization: {@code BASE_LATENCY_SECONDS * (1 + demanded CPU / CPU request)}, a queueing-like
 * slow-down. Not thread-safe: guarded by the owning {@link SimContainer}.
 */
public final class RequestCounters {

    /** The Prometheus client libraries' default histogram buckets (seconds). */
    public static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    /** Mean latency of an idle pod. */
    public static final double BASE_LATENCY_SECONDS = 0.02;

    private double requests;
    private double latencySumSeconds;
    private final double[] cumulativeBuckets = new double[BUCKETS.length];

    /** A reading: {@code cumulativeBuckets[i]} counts requests not slower than {@code BUCKETS[i]}. */
    public record Stats(double requests, double latencySumSeconds, double[] cumulativeBuckets) {
        public static final Stats ZERO = new Stats(0, 0, new double[BUCKETS.length]);

        public Stats {
            cumulativeBuckets = cumulativeBuckets.clone();
        }

        @Override
        public double[] cumulativeBuckets() {
            return cumulativeBuckets.clone();
        }
    }

    public static double meanLatencySeconds(double utilization) {
        return BASE_LATENCY_SECONDS * (1 + Math.max(0, utilization));
    }

    /** {@code count} requests served at {@code meanLatencySeconds}: P(latency <= le) = 1 - exp(-le / mean). */
    void add(double count, double meanLatencySeconds) {
        requests += count;
        latencySumSeconds += count * meanLatencySeconds;
        for (int i = 0; i < BUCKETS.length; i++) {
            cumulativeBuckets[i] += count * -Math.expm1(-BUCKETS[i] / meanLatencySeconds);
        }
    }

    Stats stats() {
        return new Stats(requests, latencySumSeconds, cumulativeBuckets);
    }
}
