package dev.scalebus.metricsapi.window;

import dev.scalebus.events.ContainerSample;
import dev.scalebus.events.CustomMetricSamples;
import dev.scalebus.events.NodeScrape;
import dev.scalebus.events.NodeUsage;
import dev.scalebus.events.PodSample;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Checks a record before it enters a window, so that one bad producer cannot pin or poison it: a measurement time
 * beyond now + {@link RecordLimits#futureSkew} (a far-future record would make every later real one look "older"
 * and be discarded), a record too old to be served, negative usage, absurd sizes. A refused record is counted by
 * {@link Rejection} and logged at INFO once per node (or pod) and reason; the feed goes on.
 */
public final class RecordValidator {

    private static final Logger LOG = Logger.getLogger(RecordValidator.class);
    /** Bounds the memory of "already logged": beyond it (a producer inventing names) rejections log at DEBUG. */
    private static final int MAX_LOGGED = 10_000;

    private final Clock clock;
    private final long futureSkewMillis;
    private final Map<Rejection, AtomicLong> counts = new EnumMap<>(Rejection.class);
    private final Set<String> logged = ConcurrentHashMap.newKeySet();

    public RecordValidator(Clock clock, RecordLimits limits) {
        this.clock = clock;
        this.futureSkewMillis = limits.futureSkew().toMillis();
        for (Rejection r : Rejection.values()) {
            counts.put(r, new AtomicLong());
        }
    }

    /** True when the scrape may enter the window; {@code oldestMillis}: the oldest scrape time still servable. */
    public boolean admit(NodeScrape scrape, long oldestMillis) {
        return admit(check(scrape, oldestMillis), "node " + scrape.nodeName(), scrape.scrapeTime());
    }

    /** True when the samples may enter the series window; {@code oldestMillis}: the retention's start. */
    public boolean admit(CustomMetricSamples samples, long oldestMillis) {
        return admit(check(samples, oldestMillis), "pod " + samples.key(), samples.scrapeTime());
    }

    /** Why the scrape is refused, or null. */
    public Rejection check(NodeScrape s, long oldestMillis) {
        long now = clock.millis();
        long latest = now + futureSkewMillis;
        long scrapeMillis = s.scrapeTime().toEpochMilli();
        if (scrapeMillis > latest) {
            return Rejection.FUTURE_TIME;
        }
        if (scrapeMillis < oldestMillis) {
            return Rejection.TOO_OLD;
        }
        if (tooLong(s.nodeName()) || s.pods().size() > RecordLimits.MAX_PODS_PER_NODE) {
            return Rejection.TOO_LARGE;
        }
        // a measurement older than its scrape by more than the servable span is stale data reported as fresh
        long earliest = scrapeMillis - (now - oldestMillis);
        NodeUsage node = s.node();
        if (node != null) {
            Rejection r = time(node.timestamp(), latest, earliest);
            if (r != null) {
                return r;
            }
            if (negative(node.cpuNanoCores()) || negative(node.memoryWorkingSetBytes())
                    || negative(node.windowMillis())) {
                return Rejection.NEGATIVE_USAGE;
            }
        }
        for (PodSample pod : s.pods()) {
            Rejection r = check(pod, latest, earliest);
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    private static Rejection check(PodSample pod, long latest, long earliest) {
        if (tooLong(pod.namespace()) || tooLong(pod.name()) || pod.containers().size() > RecordLimits.MAX_CONTAINERS_PER_POD
                || pod.labels().size() > RecordLimits.MAX_LABELS) {
            return Rejection.TOO_LARGE;
        }
        for (ContainerSample c : pod.containers()) {
            if (tooLong(c.name())) {
                return Rejection.TOO_LARGE;
            }
            Rejection r = time(c.timestamp(), latest, earliest);
            if (r != null) {
                return r;
            }
            if (negative(c.cpuNanoCores()) || negative(c.memoryWorkingSetBytes()) || negative(c.windowMillis())) {
                return Rejection.NEGATIVE_USAGE;
            }
        }
        return null;
    }

    /** Why the samples are refused, or null. Sample values may be negative (gauges), times may not be in the future. */
    public Rejection check(CustomMetricSamples s, long oldestMillis) {
        long latest = clock.millis() + futureSkewMillis;
        long scrapeMillis = s.scrapeTime().toEpochMilli();
        if (scrapeMillis > latest) {
            return Rejection.FUTURE_TIME;
        }
        if (scrapeMillis < oldestMillis) {
            return Rejection.TOO_OLD;
        }
        if (tooLong(s.namespace()) || tooLong(s.pod()) || s.series().size() > RecordLimits.MAX_SERIES_PER_POD) {
            return Rejection.TOO_LARGE;
        }
        for (CustomMetricSamples.SeriesSample sample : s.series()) {
            if (sample.timestampMillis() != null && sample.timestampMillis() > latest) {
                return Rejection.FUTURE_TIME;
            }
            if (sample.labels().size() > RecordLimits.MAX_LABELS) {
                return Rejection.TOO_LARGE;
            }
        }
        return null;
    }

    private static Rejection time(Instant at, long latest, long earliest) {
        if (at == null) {
            return null;
        }
        long millis = at.toEpochMilli();
        return millis > latest ? Rejection.FUTURE_TIME : millis < earliest ? Rejection.TOO_OLD : null;
    }

    private static boolean negative(Long value) {
        return value != null && value < 0;
    }

    private static boolean tooLong(String name) {
        return name != null && name.length() > RecordLimits.MAX_NAME_LENGTH;
    }

    private boolean admit(Rejection rejection, String source, Instant scrapeTime) {
        if (rejection == null) {
            return true;
        }
        counts.get(rejection).incrementAndGet();
        String shown = source.length() > 80 ? source.substring(0, 80) + "..." : source;
        String key = rejection + " " + shown;
        if (logged.size() < MAX_LOGGED && logged.add(key)) {
            LOG.infof("refusing records of %s: %s (scrapeTime %s, future skew allowed %d ms); further ones are"
                    + " counted, logged at DEBUG", shown, rejection.tag, scrapeTime, futureSkewMillis);
        } else {
            LOG.debugf("refusing a record of %s: %s (scrapeTime %s)", shown, rejection.tag, scrapeTime);
        }
        return false;
    }

    /** Records refused for {@code reason} so far. */
    public long rejected(Rejection reason) {
        return counts.get(reason).get();
    }
}
