package dev.scalebus.autoscaler.kube;

import dev.scalebus.autoscaler.hpa.HpaSpec;
import dev.scalebus.autoscaler.hpa.MetricReads;
import dev.scalebus.autoscaler.hpa.MetricSpec;

/**
 * The custom.metrics.k8s.io and external.metrics.k8s.io reads of the HPA's metrics client (upstream
 * pkg/controller/podautoscaler/metrics/client.go: GetRawMetric, GetObjectMetric, GetExternalMetric). A failed
 * read carries the error in the form {@link dev.scalebus.autoscaler.hpa.Evaluator} expects; it never throws.
 */
public interface CustomMetricsClient {

    /**
     * Pods metric of the pods matching {@code podSelector}. Error: the API's error (the core prefixes
     * "unable to fetch metrics from custom metrics API: ").
     */
    MetricReads.PodsRead podsMetric(String namespace, String metric, String podSelector,
            MetricSpec.LabelSelector metricSelector);

    /** Object metric of {@code described}. Error: "unable to fetch metrics from custom metrics API: ...". */
    MetricReads.ValueRead objectMetric(String namespace, String metric, HpaSpec.TargetRef described,
            MetricSpec.LabelSelector metricSelector);

    /** External metric series matching {@code selector}. Error: "unable to fetch metrics from external metrics API: ...". */
    MetricReads.SeriesRead externalMetric(String namespace, String metric, MetricSpec.LabelSelector selector);
}
