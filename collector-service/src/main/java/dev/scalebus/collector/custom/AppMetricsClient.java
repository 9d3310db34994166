package dev.scalebus.collector.custom;

import dev.scalebus.collector.kube.AppPodTarget;
import dev.scalebus.collector.kubelet.KubeletResponse;
import java.util.concurrent.CompletionStage;

/**
 * Fetches one application pod's metrics endpoint. The stage fails with a
 * {@link dev.scalebus.collector.scrape.ScrapeException} whose reason classifies the failure; it never waits longer
 * than the configured per-pod timeout.
 */
public interface AppMetricsClient {

    CompletionStage<KubeletResponse> fetch(AppPodTarget target);
}
