package dev.scalebus.autoscaler.backtest;

import dev.scalebus.autoscaler.hpa.PodGroups;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The recorded pods' start and Ready transition times, as far as the recording shows them: history keeps neither,
 * so a pod seen at the first scrape started long ago, a later one started when first seen, and it became ready when
 * first seen ready. The controller's cpu readiness rules (cpu initialization period) read these.
 */
final class Lifecycles {

    /** When first seen and when last seen becoming ready. */
    record Lifecycle(Instant start, Instant readySince, boolean ready) {
    }

    private final Map<String, Lifecycle> pods = new HashMap<>();
    private boolean first = true;

    /** Takes in a scrape; call once per scrape, in time order. */
    void observe(Scrape scrape) {
        for (RecordedPod p : scrape.pods()) {
            boolean ready = Boolean.TRUE.equals(p.ready());
            Lifecycle known = pods.get(p.pod());
            if (known == null) {
                Instant start = first ? PodGroups.ZERO_TIME : scrape.time();
                pods.put(p.pod(), new Lifecycle(start, start, ready));
            } else if (known.ready() != ready) {
                pods.put(p.pod(), new Lifecycle(known.start(), scrape.time(), ready));
            }
        }
        first = false;
    }

    Lifecycle of(String pod) {
        Lifecycle l = pods.get(pod);
        return l != null ? l : new Lifecycle(PodGroups.ZERO_TIME, PodGroups.ZERO_TIME, true);
    }
}
