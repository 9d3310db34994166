package dev.scalebus.metricsapi.custom;

import java.util.Map;

/**
 * A read-only copy of one series as held in the {@link SeriesWindow}: its samples in time order.
 *
 * @param name        the metric name ({@code __name__})
 * @param labels      every label, the target labels (namespace, pod, kubernetes_namespace, kubernetes_pod_name)
 *                    included
 * @param timesMillis sample times, Unix milliseconds, strictly increasing
 * @param values      sample values, same length as {@code timesMillis}
 * @param staleMillis when the series went stale (its pod's scrape no longer exposed it, Prometheus's staleness
 *                    marker), {@link Long#MAX_VALUE} while it is live
 */
public record Series(String name, Map<String, String> labels, long[] timesMillis, double[] values,
        long staleMillis) {

    public int size() {
        return timesMillis.length;
    }
}
