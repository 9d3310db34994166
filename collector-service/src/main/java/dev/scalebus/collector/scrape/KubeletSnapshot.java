package dev.scalebus.collector.scrape;

import java.util.List;

/** Everything one kubelet answer said, decoded: the node (null when it gave no node series) and its pods. */
public record KubeletSnapshot(NodePoint node, List<PodPoint> pods) {

    public KubeletSnapshot {
        pods = List.copyOf(pods);
    }
}
