package dev.scalebus.history.api;

import dev.scalebus.history.HistoryConfig;
import dev.scalebus.history.store.Step;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Parses and checks the common query parameters: time range, step, page size. Pure: "now" is a parameter. */
public final class QueryRules {

    private final HistoryConfig.Api api;

    public QueryRules(HistoryConfig.Api api) {
        this.api = api;
    }

    /** [from, to): to defaults to now, from to to minus the default range; from after to is refused. */
    public TimeRange range(String from, String to, Instant now) {
        Instant end = to == null || to.isBlank() ? now : time("to", to);
        Instant start = from == null || from.isBlank() ? end.minus(api.defaultRange()) : time("from", from);
        if (start.isAfter(end)) {
            throw new InvalidRequestException("from", "from " + start + " is after to " + end);
        }
        return new TimeRange(start, end);
    }

    private static Instant time(String field, String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(field, "malformed time '" + value
                    + "'; want RFC 3339, e.g. 2026-11-22T10:00:00Z");
        }
    }

    /**
     * The step asked for, or the finest one allowed for the range when none is given. A step too fine for the
     * range (more points than a page of a dashboard can use) is refused.
     */
    public Step step(String step, TimeRange range) {
        Step finest = finestFor(range.length());
        if (step == null || step.isBlank()) {
            return finest;
        }
        Step asked = Step.parse(step).orElseThrow(() -> new InvalidRequestException("step",
                "unknown step '" + step + "'; want raw, 1m or 1h"));
        if (asked.ordinal() < finest.ordinal()) {
            throw new InvalidRequestException("step", "step " + asked.label() + " is too fine for a range of "
                    + range.length() + " (raw up to " + api.rawMaxRange() + ", 1m up to " + api.minuteMaxRange()
                    + "); use " + finest.label() + " or coarser");
        }
        return asked;
    }

    private Step finestFor(Duration length) {
        if (length.compareTo(api.rawMaxRange()) <= 0) {
            return Step.RAW;
        }
        return length.compareTo(api.minuteMaxRange()) <= 0 ? Step.MINUTE : Step.HOUR;
    }

    /** The page size: default when absent, 1 to the maximum. */
    public int limit(String limit) {
        return bounded("limit", limit, api.defaultLimit(), api.maxLimit());
    }

    /** N of a top-N summary. */
    public int top(String n) {
        return bounded("n", n, 10, api.maxTop());
    }

    private static int bounded(String field, String value, int fallback, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(field, "'" + value + "' is not a whole number");
        }
        if (n < 1) {
            throw new InvalidRequestException(field, n + " is less than 1");
        }
        if (n > max) {
            throw new InvalidRequestException(field, n + " exceeds the maximum " + max);
        }
        return n;
    }

    /** The position after which a page starts; null for the first page. */
    public PageToken after(String token) {
        return token == null || token.isBlank() ? null : PageToken.decode(token);
    }
}
