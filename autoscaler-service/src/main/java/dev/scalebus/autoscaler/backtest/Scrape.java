package dev.scalebus.autoscaler.backtest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the live controller's metrics window held of the workload at one recorded scrape time: the latest scrape of
 * each node carrying its pods (a node's scrape replaces its previous one, so a deleted pod leaves with its node's
 * next scrape), as long as that scrape is not older than {@link #MAX_AGE}.
 */
public record Scrape(Instant time, List<RecordedPod> pods) {

    /** The live controller's default metrics-max-age: older samples are not served. */
    public static final Duration MAX_AGE = Duration.ofMinutes(2);

    public Scrape {
        pods = List.copyOf(pods);
    }

    /** One view per distinct sample time, in time order. */
    public static List<Scrape> of(List<RecordedPod> rows) {
        Map<Instant, Map<String, List<RecordedPod>>> byTime = new TreeMap<>();
        for (RecordedPod r : rows) {
            byTime.computeIfAbsent(r.time(), t -> new HashMap<>())
                    .computeIfAbsent(r.node() == null ? "" : r.node(), n -> new ArrayList<>()).add(r);
        }
        Map<String, List<RecordedPod>> latest = new TreeMap<>();
        List<Scrape> out = new ArrayList<>();
        for (Map.Entry<Instant, Map<String, List<RecordedPod>>> e : byTime.entrySet()) {
            Instant now = e.getKey();
            latest.putAll(e.getValue());
            latest.values().removeIf(pods -> pods.get(0).time().isBefore(now.minus(MAX_AGE)));
            List<RecordedPod> view = new ArrayList<>();
            latest.values().forEach(view::addAll);
            out.add(new Scrape(now, view));
        }
        return out;
    }

    /** The recorded replica count: the pods not finished. */
    public int liveCount() {
        return (int) pods.stream().filter(RecordedPod::live).count();
    }
}
