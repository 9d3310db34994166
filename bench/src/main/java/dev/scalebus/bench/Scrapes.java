package dev.scalebus.bench;

import dev.scalebus.collector.rate.RateTracker;
import dev.scalebus.collector.scrape.NodeScrapeAssembler;
import dev.scalebus.collector.scrape.OnceLog;
import dev.scalebus.collector.scrape.ResourceMetricsDecoder;
import dev.scalebus.collector.scrape.ScrapeException;
import dev.scalebus.events.NodeScrape;
import java.time.Duration;

/** NodeScrape events as the collector publishes them, made by the collector's own decoder and assembler. */
public final class Scrapes {

    private Scrapes() {
    }

    /** [round][node]: {@code nodes} nodes of {@code pods} pods; round 0 has no CPU rates yet, later rounds have. */
    public static NodeScrape[][] rounds(int nodes, int pods, int rounds) {
        RateTracker rates = new RateTracker(Duration.ofSeconds(15));
        NodeScrapeAssembler[] assemblers = new NodeScrapeAssembler[nodes];
        for (int n = 0; n < nodes; n++) {
            assemblers[n] = Assemblers.create(rates, SyntheticNode.podDirectory(node(n), pods), new OnceLog());
        }
        NodeScrape[][] out = new NodeScrape[rounds][nodes];
        try {
            for (int r = 0; r < rounds; r++) {
                for (int n = 0; n < nodes; n++) {
                    String body = SyntheticNode.metricsResource(node(n), pods, r);
                    out[r][n] = assemblers[n].assemble(node(n), NodeScrape.SOURCE_METRICS_RESOURCE,
                            SyntheticNode.time(r), 3, ResourceMetricsDecoder.decode(body, SyntheticNode.time(r)));
                }
            }
        } catch (ScrapeException e) {
            throw new IllegalStateException("synthetic payload did not decode", e);
        }
        return out;
    }

    public static String node(int n) {
        return "bench-node-" + n;
    }
}
