package dev.scalebus.collector.kubelet;

import dev.scalebus.collector.kube.NodeTarget;
import java.util.concurrent.CompletionStage;

/**
 * Fetches one kubelet endpoint. The stage fails with a {@link dev.scalebus.collector.scrape.ScrapeException}
 * whose reason classifies the failure; it never waits longer than the configured per-node timeout.
 */
public interface KubeletClient {

    CompletionStage<KubeletResponse> fetch(NodeTarget target);
}
