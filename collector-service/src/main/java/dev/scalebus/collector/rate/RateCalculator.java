package dev.scalebus.collector.rate;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;

/**
 * The rate rules for one series (a node or a container), mirroring metrics-server pkg/storage/pod.go (Store) and
 * types.go (resourceUsage): a rate needs two points of the same incarnation with a later timestamp and a
 * cumulative counter that did not go down; the window is the time between them. Pure functions, no state.
 */
public final class RateCalculator {

    /** metrics-server's freshContainerMinMetricsResolution: a younger container's first rate is too noisy. */
    static final Duration FRESH_CONTAINER_MIN_AGE = Duration.ofSeconds(10);

    private RateCalculator() {
    }

    /** Why {@link #between} gave no rate; {@code NONE} when it gave one. */
    public enum Gap { NONE, FIRST_POINT, RESTARTED, COUNTER_DECREASED, NOT_NEWER }

    /** The outcome of comparing a new point with the stored one. */
    public record Outcome(CpuRate rate, Gap gap) {
    }

    /**
     * The rate from {@code previous} to {@code latest}; when there is none, the fallback: metrics-server's
     * fresh-container rule (a container started {@code 10s ≤ age < resolution} ago is measured from its start with
     * 0 CPU) and then the kubelet's own {@code usageNanoCores}.
     */
    public static Outcome between(CumulativePoint previous, CumulativePoint latest, Duration resolution) {
        Gap gap = gap(previous, latest);
        if (gap == Gap.NONE) {
            return new Outcome(rate(latest.cpuUsageCoreNanoSeconds() - previous.cpuUsageCoreNanoSeconds(),
                    previous.timestamp(), latest.timestamp()), Gap.NONE);
        }
        return new Outcome(fallback(latest, resolution), gap);
    }

    private static Gap gap(CumulativePoint previous, CumulativePoint latest) {
        if (previous == null) {
            return Gap.FIRST_POINT;
        }
        if (latest.startTime() != null && previous.startTime() != null
                && !latest.startTime().equals(previous.startTime())) {
            return Gap.RESTARTED;
        }
        if (!latest.timestamp().isAfter(previous.timestamp())) {
            return Gap.NOT_NEWER;
        }
        if (latest.cpuUsageCoreNanoSeconds() < previous.cpuUsageCoreNanoSeconds()) {
            return Gap.COUNTER_DECREASED;
        }
        return Gap.NONE;
    }

    static CpuRate fallback(CumulativePoint latest, Duration resolution) {
        Instant start = latest.startTime();
        if (start != null && start.isBefore(latest.timestamp())) {
            Duration age = Duration.between(start, latest.timestamp());
            if (age.compareTo(FRESH_CONTAINER_MIN_AGE) >= 0 && age.compareTo(resolution) < 0) {
                return rate(latest.cpuUsageCoreNanoSeconds(), start, latest.timestamp());
            }
        }
        return latest.kubeletNanoCores() == null ? null : new CpuRate(latest.kubeletNanoCores(), null);
    }

    /** deltaCoreNanos / window in nanocores; BigInteger because delta × 1e9 overflows a long for busy nodes. */
    static CpuRate rate(long deltaCoreNanos, Instant from, Instant to) {
        Duration window = Duration.between(from, to);
        BigInteger nanoCores = BigInteger.valueOf(deltaCoreNanos).multiply(BigInteger.valueOf(1_000_000_000L))
                .divide(BigInteger.valueOf(window.toNanos()));
        return new CpuRate(nanoCores.longValue(), window.toMillis());
    }
}
