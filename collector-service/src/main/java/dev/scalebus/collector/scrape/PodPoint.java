package dev.scalebus.collector.scrape;

import java.time.Instant;
import java.util.List;

/** One pod from one kubelet answer; uid and startTime only come from the Summary API. */
public record PodPoint(String namespace, String name, String uid, Instant startTime, List<ContainerPoint> containers) {

    public PodPoint {
        containers = List.copyOf(containers);
    }
}
