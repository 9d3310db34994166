package dev.scalebus.events.rules;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Prometheus durations ({@code 30s}, {@code 2m}, {@code 1h30m}, {@code 500ms}): units ms, s, m, h, d, w, y. */
final class PromDuration {

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d|w|y)");

    private PromDuration() {
    }

    static Duration parse(String text, String field) {
        Matcher m = PART.matcher(text);
        Duration total = Duration.ZERO;
        int at = 0;
        while (m.find() && m.start() == at) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                case "w" -> Duration.ofDays(7 * n);
                default -> Duration.ofDays(365 * n);
            });
            at = m.end();
        }
        if (at != text.length() || text.isEmpty() || total.isZero()) {
            throw new RulesException(field + ": '" + text + "' is not a Prometheus duration such as 30s, 2m or 1h");
        }
        return total;
    }
}
