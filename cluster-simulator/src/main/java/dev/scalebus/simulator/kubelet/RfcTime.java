package dev.scalebus.simulator.kubelet;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** RFC 3339 with second precision, as Kubernetes' metav1.Time serializes ("2026-06-26T10:14:35Z"). */
public final class RfcTime {

    private RfcTime() {
    }

    public static String format(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
