package dev.scalebus.events;

import java.time.Instant;
import java.util.List;

/**
 * What one scrape of one kubelet found: the node's own usage and every pod on it.
 * Published by collector-service on {@link Topics#NODE_SCRAPES}, key = {@code nodeName}.
 *
 * @param schemaVersion        event schema version, {@link #SCHEMA_VERSION} when written by this code
 * @param nodeName             the Node's metadata.name
 * @param scrapeTime           when the collector sent the request to the kubelet
 * @param scrapeDurationMillis how long the kubelet took to answer, in milliseconds
 * @param source               the kubelet endpoint scraped: {@code /metrics/resource} or {@code /stats/summary}
 * @param node                 the node's own usage; null when the kubelet gave none
 * @param pods                 the pods the kubelet reported, enriched with what the API server knows of them
 */
public record NodeScrape(
        Integer schemaVersion,
        String nodeName,
        Instant scrapeTime,
        long scrapeDurationMillis,
        String source,
        NodeUsage node,
        List<PodSample> pods) {

    public static final int SCHEMA_VERSION = 1;
    public static final String SOURCE_METRICS_RESOURCE = "/metrics/resource";
    public static final String SOURCE_STATS_SUMMARY = "/stats/summary";

    public NodeScrape {
        schemaVersion = Required.schemaVersion(schemaVersion, "NodeScrape");
        Required.text(nodeName, "NodeScrape", "nodeName");
        Required.field(scrapeTime, "NodeScrape", "scrapeTime");
        pods = Required.list(pods);
    }

    /** A scrape in the current schema version. */
    public static NodeScrape of(String nodeName, Instant scrapeTime, long scrapeDurationMillis, String source,
            NodeUsage node, List<PodSample> pods) {
        return new NodeScrape(SCHEMA_VERSION, nodeName, scrapeTime, scrapeDurationMillis, source, node, pods);
    }
}
