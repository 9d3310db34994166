package dev.scalebus.collector.ops;

import dev.scalebus.collector.kube.NodeDiscovery;
import dev.scalebus.collector.kube.PodDirectory;
import dev.scalebus.collector.scrape.ScrapeLoop;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the informers have synced and one full scrape cycle ran (metrics-server's metric-storage-ready). */
@Readiness
@ApplicationScoped
public class FirstCycleReadiness implements HealthCheck {

    private final ScrapeLoop loop;
    private final NodeDiscovery nodes;
    private final PodDirectory pods;

    public FirstCycleReadiness(ScrapeLoop loop, NodeDiscovery nodes, PodDirectory pods) {
        this.loop = loop;
        this.nodes = nodes;
        this.pods = pods;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("first-scrape-cycle")
                .status(loop.firstCycleDone() && nodes.synced() && pods.synced())
                .withData("firstCycleDone", loop.firstCycleDone())
                .withData("nodeInformerSynced", nodes.synced())
                .withData("podInformerSynced", pods.synced())
                .build();
    }
}
