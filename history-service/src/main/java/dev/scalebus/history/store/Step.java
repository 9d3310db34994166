package dev.scalebus.history.store;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** The resolutions history keeps: raw samples, 1-minute and 1-hour rollups. */
public enum Step {
    RAW("raw", null, null),
    MINUTE("1m", Duration.ofMinutes(1), "minute"),
    HOUR("1h", Duration.ofHours(1), "hour");

    private final String label;
    private final Duration width;
    private final String truncUnit;

    Step(String label, Duration width, String truncUnit) {
        this.label = label;
        this.width = width;
        this.truncUnit = truncUnit;
    }

    /** How the API and the rollup tables spell it: raw, 1m, 1h. */
    public String label() {
        return label;
    }

    /** The bucket width; null for raw. */
    public Duration width() {
        return width;
    }

    /** The date_trunc unit of a bucket. */
    String truncUnit() {
        return truncUnit;
    }

    /** The start of the bucket an instant is in (UTC). */
    public Instant floor(Instant time) {
        return time.truncatedTo(this == HOUR ? ChronoUnit.HOURS : ChronoUnit.MINUTES);
    }

    public static Optional<Step> parse(String label) {
        for (Step s : values()) {
            if (s.label.equals(label)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
