package dev.scalebus.metricsapi.custom;

import dev.scalebus.events.CustomMetricSamples;
import dev.scalebus.events.CustomMetricSamples.SeriesSample;
import dev.scalebus.metricsapi.window.RecordLimits;
import dev.scalebus.metricsapi.window.RecordValidator;
import dev.scalebus.metricsapi.window.Rejection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The recent samples of every application series, materialized from {@link CustomMetricSamples} events: what a
 * Prometheus head block holds for the adapter's queries, reduced to the series the collector kept.
 *
 * <p>Prometheus behaviour mirrored:
 * <ul>
 * <li>a sample not newer than the series' last one is dropped (out-of-order / duplicate, e.g. a replay on rebuild);</li>
 * <li>a series a pod exposed before and not in its newest scrape gets a staleness marker at that scrape's time, so
 * its raw value stops being served at once while its earlier samples still count in range functions;</li>
 * <li>samples older than {@code retention} are dropped (the longest rule window plus the 5 m lookback margin).</li>
 * </ul>
 * A pod not scraped for {@code podExpiry} loses all its series (Prometheus marks every series of a vanished target
 * stale; here they are freed, as the pod is gone). One writer (the feed), readers copy out under the same lock: HPA
 * polls are rare next to the writes.
 */
public final class SeriesWindow {

    private final Clock clock;
    private final long retentionMillis;
    private final long podExpiryMillis;
    private final RecordValidator validator;
    private final Map<String, Map<Map<String, String>, SampleBuffer>> byName = new HashMap<>();
    private final Map<String, PodState> pods = new HashMap<>();
    private long outOfOrder;
    private long expiredSeries;

    private record SeriesRef(String name, Map<String, String> labels) {
    }

    private record PodState(long scrapeMillis, Set<SeriesRef> series) {
    }

    public SeriesWindow(Clock clock, Duration retention, Duration podExpiry) {
        this(clock, retention, podExpiry, RecordLimits.DEFAULTS);
    }

    public SeriesWindow(Clock clock, Duration retention, Duration podExpiry, RecordLimits limits) {
        if (retention.isNegative() || retention.isZero() || podExpiry.isNegative() || podExpiry.isZero()) {
            throw new IllegalArgumentException("retention and pod expiry must be positive");
        }
        this.clock = clock;
        this.retentionMillis = retention.toMillis();
        this.podExpiryMillis = podExpiry.toMillis();
        this.validator = new RecordValidator(clock, limits);
    }

    /**
     * Takes one pod scrape. A scrape the {@link RecordValidator} refuses (a future time would make every later real
     * sample "out of order" and keep the pod from expiring) is counted and ignored. A scrape older than the pod's
     * newest one (a replay) adds no stale markers.
     */
    public synchronized void accept(CustomMetricSamples scrape) {
        long oldest = clock.millis() - retentionMillis;
        if (!validator.admit(scrape, oldest)) {
            return;
        }
        long scrapeMillis = scrape.scrapeTime().toEpochMilli();
        PodState previous = pods.get(scrape.key());
        Set<SeriesRef> seen = new HashSet<>();
        for (SeriesSample s : scrape.series()) {
            SeriesRef ref = new SeriesRef(s.name(), Map.copyOf(scrape.seriesLabels(s)));
            seen.add(ref);
            long at = s.at(scrape.scrapeTime()).toEpochMilli();
            if (at < oldest) {
                continue;
            }
            SampleBuffer b = byName.computeIfAbsent(ref.name(), k -> new HashMap<>())
                    .computeIfAbsent(ref.labels(), k -> new SampleBuffer());
            if (!b.add(at, s.value())) {
                outOfOrder++;
            }
        }
        if (previous != null && previous.scrapeMillis() > scrapeMillis) {
            return;
        }
        if (previous != null) {
            for (SeriesRef gone : previous.series()) {
                if (!seen.contains(gone)) {
                    SampleBuffer b = buffer(gone);
                    if (b != null) {
                        b.staleMillis = scrapeMillis;
                    }
                }
            }
        }
        pods.put(scrape.key(), new PodState(scrapeMillis, Set.copyOf(seen)));
    }

    private SampleBuffer buffer(SeriesRef ref) {
        Map<Map<String, String>, SampleBuffer> m = byName.get(ref.name());
        return m == null ? null : m.get(ref.labels());
    }

    /** Frees pods not scraped for the pod expiry and samples older than the retention; returns series removed. */
    public synchronized int expire() {
        long now = clock.millis();
        int before = seriesCount();
        pods.values().removeIf(p -> {
            if (p.scrapeMillis() >= now - podExpiryMillis) {
                return false;
            }
            p.series().forEach(ref -> {
                Map<Map<String, String>, SampleBuffer> m = byName.get(ref.name());
                if (m != null) {
                    m.remove(ref.labels());
                }
            });
            return true;
        });
        long oldest = now - retentionMillis;
        for (Map<Map<String, String>, SampleBuffer> m : byName.values()) {
            m.values().removeIf(b -> b.trim(oldest));
        }
        byName.values().removeIf(Map::isEmpty);
        int removed = before - seriesCount();
        expiredSeries += removed;
        return removed;
    }

    /** Copies of the series named {@code name} whose labels pass {@code labels}. */
    public synchronized List<Series> select(String name, Predicate<Map<String, String>> labels) {
        Map<Map<String, String>, SampleBuffer> m = byName.get(name);
        if (m == null) {
            return List.of();
        }
        long oldest = clock.millis() - retentionMillis;
        List<Series> out = new ArrayList<>();
        m.forEach((l, b) -> {
            if (labels.test(l) && b.newest() >= oldest) {
                out.add(b.copy(name, l));
            }
        });
        return out;
    }

    /** The label sets of every series, by name: what Prometheus's series API answers, for discovery. */
    public synchronized Map<String, List<Map<String, String>>> labelSets() {
        Map<String, List<Map<String, String>>> out = new HashMap<>();
        byName.forEach((name, m) -> out.put(name, List.copyOf(m.keySet())));
        return out;
    }

    public synchronized int seriesCount() {
        int n = 0;
        for (Map<Map<String, String>, SampleBuffer> m : byName.values()) {
            n += m.size();
        }
        return n;
    }

    public synchronized int podCount() {
        return pods.size();
    }

    /** Samples dropped because they were not newer than their series' last sample. */
    public synchronized long outOfOrderSamples() {
        return outOfOrder;
    }

    /** Pod scrapes refused at the edge for {@code reason}. */
    public long rejected(Rejection reason) {
        return validator.rejected(reason);
    }

    public synchronized long expiredSeries() {
        return expiredSeries;
    }
}
