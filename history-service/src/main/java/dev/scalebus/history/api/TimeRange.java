package dev.scalebus.history.api;

import java.time.Duration;
import java.time.Instant;

/** A half-open interval [from, to). */
public record TimeRange(Instant from, Instant to) {

    public Duration length() {
        return Duration.between(from, to);
    }
}
