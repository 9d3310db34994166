package dev.scalebus.metricsapi;

import dev.scalebus.events.ContainerSample;
import dev.scalebus.events.NodeScrape;
import dev.scalebus.events.NodeUsage;
import dev.scalebus.events.PodSample;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Builds NodeScrape events for tests, with rates as the collector publishes them. */
public final class Scrapes {

    private Scrapes() {
    }

    public static NodeScrape scrape(String node, Instant at, long nodeCpuNanoCores, long nodeMemoryBytes,
            PodSample... pods) {
        NodeUsage usage = new NodeUsage(at.minusMillis(1_000), 20_064L, nodeCpuNanoCores, null, nodeMemoryBytes,
                null, null, null, null, null, null);
        return NodeScrape.of(node, at, 12, NodeScrape.SOURCE_METRICS_RESOURCE, usage, List.of(pods));
    }

    public static PodSample pod(String namespace, String name, Map<String, String> labels,
            ContainerSample... containers) {
        return new PodSample(namespace, name, "uid-" + name, labels, null, "Running", true, null, null, false,
                List.of(containers));
    }

    public static ContainerSample container(String name, Instant timestamp, long windowMillis, long cpuNanoCores,
            long memoryBytes) {
        return new ContainerSample(name, false, timestamp.minusSeconds(3600), timestamp, windowMillis, cpuNanoCores,
                null, memoryBytes, null, null, null, null);
    }

    /** A container the collector has seen once: no rate yet. */
    public static ContainerSample containerWithoutRate(String name, Instant timestamp, long memoryBytes) {
        return new ContainerSample(name, false, timestamp.minusSeconds(5), timestamp, null, null, 12_000_000L,
                memoryBytes, null, null, null, null);
    }
}
