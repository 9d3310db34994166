package dev.scalebus.metricsapi.api;

import java.util.Map;

/**
 * The labels of a Node. NodeScrape events carry pod labels but not node labels, so they come from the apiserver
 * (metrics-server also copies them from its node informer, v0.6+); empty when the node is unknown.
 */
public interface NodeLabels {

    Map<String, String> labels(String nodeName);
}
