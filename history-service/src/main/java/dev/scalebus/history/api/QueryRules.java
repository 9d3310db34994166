package dev.scalebus.history.api;

import dev.scalebus.history.HistoryConfig;
import dev.scalebus.history.store.Step;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Parses and checks the common query parameters: time range, step, page size. Pure: "now" is a parameter. */
public final class QueryRules {

    /** Times a query may name: PostgreSQL's timestamptz holds far more, these are the sane ones. */
    private static final Instant EARLIEST = Instant.EPOCH;
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private final HistoryConfig.Api api;
    private final Duration maxRange;

    /** The rules of the service's settings: the longest range is api.max-range, at most retention.rollups. */
    public QueryRules(HistoryConfig config) {
        this(config.api(), min(config.api().maxRange(), config.retention().rollups()));
    }

    public QueryRules(HistoryConfig.Api api, Duration maxRange) {
        this.api = api;
        this.maxRange = maxRange;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * [from, to): to defaults to now, from to to minus the default range; from after to, times before 1970 or
     * after 9999 and a range longer than the maximum are refused.
     */
    public TimeRange range(String from, String to, Instant now) {
        Instant end = to == null || to.isBlank() ? now : time("to", to);
        Instant start = from == null || from.isBlank() ? end.minus(min(api.defaultRange(), maxRange))
                : time("from", from);
        if (start.isAfter(end)) {
            throw new InvalidRequestException("from", "from " + start + " is after to " + end);
        }
        TimeRange range = new TimeRange(start, end);
        if (range.length().compareTo(maxRange) > 0) {
            throw new InvalidRequestException("from", "the range " + start + " to " + end + " is longer than the "
                    + "maximum " + maxRange + " (scalebus.history.api.max-range); ask for a shorter one");
        }
        return range;
    }

    private static Instant time(String field, String value) {
        Instant t;
        try {
            t = OffsetDateTime.parse(value).toInstant();
        } catch (java.time.DateTimeException e) {
            throw new InvalidRequestException(field, "malformed time '" + Names.printable(value)
                    + "'; want RFC 3339, e.g. 2026-11-22T10:00:00Z");
        }
        if (t.isBefore(EARLIEST) || t.isAfter(LATEST)) {
            throw new InvalidRequestException(field, "time " + t + " is out of range; want 1970 to 9999");
        }
        return t;
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

    /**
     * The position after which a page starts; null for the first page. A token whose time lies outside the query's
     * range (less an hour: buckets start before a range that starts mid-bucket) is not one of this query's pages.
     */
    public PageToken after(String token, TimeRange range) {
        if (token == null || token.isBlank()) {
            return null;
        }
        PageToken after = PageToken.decode(token);
        if (after.time().isBefore(range.from().minus(Duration.ofHours(1))) || after.time().isAfter(range.to())) {
            throw new InvalidRequestException("continue", "the continue token points outside the range " + range.from()
                    + " to " + range.to() + "; pass back the continue value of the previous page of the same query");
        }
        return after;
    }
}
