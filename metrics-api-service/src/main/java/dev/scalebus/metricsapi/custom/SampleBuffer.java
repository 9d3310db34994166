package dev.scalebus.metricsapi.custom;

import java.util.Map;

/** One series' samples for the {@link SeriesWindow}: a growable ring of (time, value), oldest first. */
final class SampleBuffer {
    private long[] times = new long[8];
    private double[] values = new double[8];
    private int start;
    private int size;
    long staleMillis = Long.MAX_VALUE;

    boolean add(long at, double value) {
        if (size > 0 && at <= times[(start + size - 1) % times.length]) {
            return false;
        }
        if (size == times.length) {
            grow();
        }
        int i = (start + size) % times.length;
        times[i] = at;
        values[i] = value;
        size++;
        if (at > staleMillis) {
            staleMillis = Long.MAX_VALUE; // exposed again after a gap: live again, as in Prometheus
        }
        return true;
    }

    private void grow() {
        long[] t = new long[times.length * 2];
        double[] v = new double[times.length * 2];
        for (int k = 0; k < size; k++) {
            t[k] = times[(start + k) % times.length];
            v[k] = values[(start + k) % times.length];
        }
        times = t;
        values = v;
        start = 0;
    }

    long newest() {
        return size == 0 ? Long.MIN_VALUE : times[(start + size - 1) % times.length];
    }

    /** Drops samples before {@code oldest}; true when nothing is left. */
    boolean trim(long oldest) {
        while (size > 0 && times[start] < oldest) {
            start = (start + 1) % times.length;
            size--;
        }
        return size == 0;
    }

    Series copy(String name, Map<String, String> labels) {
        long[] t = new long[size];
        double[] v = new double[size];
        for (int k = 0; k < size; k++) {
            t[k] = times[(start + k) % times.length];
            v[k] = values[(start + k) % times.length];
        }
        return new Series(name, labels, t, v, staleMillis);
    }
}
