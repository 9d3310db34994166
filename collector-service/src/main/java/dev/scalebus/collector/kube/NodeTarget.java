package dev.scalebus.collector.kube;

/**
 * A node to scrape: where its kubelet listens and which path to ask.
 *
 * @param host null when the node has no address of a preferred type (scraped as a {@code no-address} failure)
 */
public record NodeTarget(String nodeName, String host, int port, String path) {
}
