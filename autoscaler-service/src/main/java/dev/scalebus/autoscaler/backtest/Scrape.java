package dev.scalebus.autoscaler.backtest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The workload's recorded pods at one scrape time (one distinct sample_time). */
public record Scrape(Instant time, List<RecordedPod> pods) {

    public Scrape {
        pods = List.copyOf(pods);
    }

    /** The rows grouped by their time, in time order. */
    public static List<Scrape> of(List<RecordedPod> rows) {
        Map<Instant, List<RecordedPod>> byTime = new TreeMap<>();
        for (RecordedPod r : rows) {
            byTime.computeIfAbsent(r.time(), t -> new ArrayList<>()).add(r);
        }
        return byTime.entrySet().stream().map(e -> new Scrape(e.getKey(), e.getValue())).toList();
    }

    /** The recorded replica count: the pods not finished. */
    public int liveCount() {
        return (int) pods.stream().filter(RecordedPod::live).count();
    }
}
