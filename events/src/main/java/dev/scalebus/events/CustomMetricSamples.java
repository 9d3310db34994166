package dev.scalebus.events;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one scrape of one application pod's Prometheus endpoint found, reduced to the series some adapter rule selects.
 * Published by collector-service on {@link Topics#CUSTOM_SAMPLES}, key = {@link #key()} ({@code namespace/pod}).
 *
 * @param schemaVersion        event schema version, {@link #SCHEMA_VERSION} when written by this code
 * @param namespace            the scraped pod's namespace
 * @param pod                  the scraped pod's name
 * @param nodeName             the node the pod runs on; null when unknown
 * @param scrapeTime           when the collector sent the request to the pod
 * @param scrapeDurationMillis how long the pod took to answer, in milliseconds
 * @param series               the selected samples; empty when the pod exposed none a rule selects
 */
public record CustomMetricSamples(
        Integer schemaVersion,
        String namespace,
        String pod,
        String nodeName,
        Instant scrapeTime,
        long scrapeDurationMillis,
        List<SeriesSample> series) {

    public static final int SCHEMA_VERSION = 1;

    /**
     * The target labels every series gets, as Prometheus's example {@code kubernetes-pods} scrape job attaches them:
     * the current names ({@code namespace}, {@code pod}) and the older ones ({@code kubernetes_namespace},
     * {@code kubernetes_pod_name}) that prometheus-adapter's documented rules use.
     */
    public static final List<String> TARGET_LABELS = List.of("namespace", "pod", "kubernetes_namespace",
            "kubernetes_pod_name");

    public CustomMetricSamples {
        schemaVersion = Required.schemaVersion(schemaVersion, "CustomMetricSamples");
        Required.text(namespace, "CustomMetricSamples", "namespace");
        Required.text(pod, "CustomMetricSamples", "pod");
        Required.field(scrapeTime, "CustomMetricSamples", "scrapeTime");
        series = Required.list(series);
    }

    /** Samples in the current schema version. */
    public static CustomMetricSamples of(String namespace, String pod, String nodeName, Instant scrapeTime,
            long scrapeDurationMillis, List<SeriesSample> series) {
        return new CustomMetricSamples(SCHEMA_VERSION, namespace, pod, nodeName, scrapeTime, scrapeDurationMillis,
                series);
    }

    /** The Kafka key: {@code namespace/pod}. */
    public String key() {
        return namespace + "/" + pod;
    }

    /**
     * The labels a query sees for one sample: the exposed labels plus the {@link #TARGET_LABELS}. As with
     * Prometheus's default {@code honor_labels: false}, a target label wins and an exposed label of the same name is
     * kept as {@code exported_<name>}.
     */
    public Map<String, String> seriesLabels(SeriesSample sample) {
        return seriesLabels(namespace, pod, sample.labels());
    }

    /** {@link #seriesLabels(SeriesSample)} before an event exists (the collector filters with it). */
    public static Map<String, String> seriesLabels(String namespace, String pod, Map<String, String> exposed) {
        Map<String, String> labels = new LinkedHashMap<>(exposed.size() + TARGET_LABELS.size());
        exposed.forEach((k, v) -> labels.put(TARGET_LABELS.contains(k) ? "exported_" + k : k, v));
        labels.put("namespace", namespace);
        labels.put("pod", pod);
        labels.put("kubernetes_namespace", namespace);
        labels.put("kubernetes_pod_name", pod);
        return labels;
    }

    /**
     * One sample of one series as exposed.
     *
     * @param name            the metric name, e.g. {@code http_requests_total} or {@code request_seconds_sum}
     * @param type            the family's {@code # TYPE}: counter, gauge, histogram, summary or untyped (null)
     * @param labels          the exposed labels, without the target labels
     * @param value           the sample value (finite: NaN and infinite samples are not published)
     * @param timestampMillis the exposed timestamp in Unix milliseconds; null when the exposition had none (the
     *                        sample is then taken at the event's scrapeTime, as Prometheus does)
     */
    public record SeriesSample(String name, String type, Map<String, String> labels, double value,
            Long timestampMillis) {

        public SeriesSample {
            Required.text(name, "SeriesSample", "name");
            labels = Required.map(labels);
            if (!Double.isFinite(value)) {
                throw new MalformedEventException("SeriesSample: value of " + name + " is not finite: " + value);
            }
        }

        /** When this sample was taken: its own timestamp, else the scrape's. */
        public Instant at(Instant scrapeTime) {
            return timestampMillis == null ? scrapeTime : Instant.ofEpochMilli(timestampMillis);
        }
    }
}
