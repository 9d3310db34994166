package dev.scalebus.metricsapi.window;

import java.time.Duration;

/**
 * What a record must respect to enter a window (see {@link RecordValidator}).
 *
 * @param futureSkew how far past this service's clock a measurement time may be (a collector or kubelet clock
 *                   running ahead); the default 2 minutes tolerates the ±60 s skew the chaos suite injects
 */
public record RecordLimits(Duration futureSkew) {

    /** Kubernetes' name limit (a DNS subdomain): longer node, namespace, pod or container names are not real. */
    public static final int MAX_NAME_LENGTH = 253;
    /** Far above any kubelet's max-pods (110 by default, a few hundred at most). */
    public static final int MAX_PODS_PER_NODE = 5_000;
    public static final int MAX_CONTAINERS_PER_POD = 1_000;
    public static final int MAX_LABELS = 1_000;
    /** Series of one pod scrape in a CustomMetricSamples record. */
    public static final int MAX_SERIES_PER_POD = 50_000;

    public static final RecordLimits DEFAULTS = new RecordLimits(Duration.ofMinutes(2));

    public RecordLimits {
        if (futureSkew.isNegative()) {
            throw new IllegalArgumentException("future skew must not be negative, was " + futureSkew);
        }
    }
}
