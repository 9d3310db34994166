package dev.scalebus.collector.custom;

import dev.scalebus.collector.scrape.PrometheusTextParser;
import dev.scalebus.events.CustomMetricSamples;
import dev.scalebus.events.CustomMetricSamples.SeriesSample;
import dev.scalebus.events.rules.AdapterRules;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the samples of one pod's exposition that some adapter rule (custom or external) selects, judged on the
 * labels a query would see: the exposed labels plus the target labels {@code namespace}, {@code pod},
 * {@code kubernetes_namespace}, {@code kubernetes_pod_name} (as Prometheus' kubernetes-pods job attaches them).
 * Non-finite values (NaN, ±Inf: a histogram's +Inf bucket boundary is a label, not a value) are dropped, because the
 * event carries finite numbers only.
 *
 * @param series    the selected finite samples, in exposition order
 * @param nonFinite selected samples dropped for a NaN or infinite value
 * @param exposed   every sample of the exposition
 */
public record SeriesSelection(List<SeriesSample> series, int nonFinite, int exposed) {

    public static SeriesSelection select(String namespace, String pod, List<PrometheusTextParser.Sample> samples,
            AdapterRules rules) {
        List<SeriesSample> kept = new ArrayList<>();
        int nonFinite = 0;
        for (PrometheusTextParser.Sample sample : samples) {
            if (!rules.selectsAny(sample.name(),
                    CustomMetricSamples.seriesLabels(namespace, pod, sample.labels()))) {
                continue;
            }
            double value = sample.number();
            if (!Double.isFinite(value)) {
                nonFinite++;
                continue;
            }
            kept.add(new SeriesSample(sample.name(), sample.type(), sample.labels(), value,
                    sample.timestampMillis()));
        }
        return new SeriesSelection(List.copyOf(kept), nonFinite, samples.size());
    }
}
