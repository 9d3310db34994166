package dev.scalebus.history.grafana;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands the Grafana PostgreSQL data source's macros and template variables the way Grafana does before it sends
 * a query (see Grafana's postgres macro engine: $__timeFilter is BETWEEN two RFC 3339 literals, $__timeGroup floors
 * the epoch to the interval), so the test can run dashboard SQL as Grafana would.
 */
final class GrafanaMacros {

    private static final Pattern MACRO = Pattern.compile("\\$__(timeFilter|timeGroupAlias|timeGroup|timeFrom|timeTo)\\(([^)]*)\\)");
    private static final Pattern INTERVAL = Pattern.compile("'?(\\d+)(ms|s|m|h|d)'?");

    private final Instant from;
    private final Instant to;
    private final String interval;
    private final Map<String, String> variables;

    GrafanaMacros(Instant from, Instant to, String interval, Map<String, String> variables) {
        this.from = from;
        this.to = to;
        this.interval = interval;
        this.variables = variables;
    }

    String expand(String sql) {
        String s = sql.replaceAll("\\$__interval_ms\\b", Long.toString(parse(interval).toMillis()))
                .replaceAll("\\$__interval\\b", interval);
        for (var v : variables.entrySet()) {
            s = s.replace("${" + v.getKey() + "}", v.getValue())
                    .replaceAll("\\$" + Pattern.quote(v.getKey()) + "\\b", Matcher.quoteReplacement(v.getValue()));
        }
        Matcher m = MACRO.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String[] args = m.group(2).split(",");
            String column = args[0].trim();
            String replacement = switch (m.group(1)) {
                case "timeFilter" -> column + " BETWEEN '" + from + "' AND '" + to + "'";
                case "timeGroup" -> group(column, args);
                case "timeGroupAlias" -> group(column, args) + " AS \"time\"";
                case "timeFrom" -> "'" + from + "'";
                case "timeTo" -> "'" + to + "'";
                default -> throw new IllegalArgumentException(m.group());
            };
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        String expanded = out.toString();
        if (expanded.contains("$")) {
            throw new IllegalArgumentException("unexpanded macro or variable in: " + expanded);
        }
        return expanded;
    }

    private static String group(String column, String[] args) {
        if (args.length < 2) {
            throw new IllegalArgumentException("$__timeGroup needs a column and an interval");
        }
        long seconds = Math.max(1, parse(args[1].trim()).toSeconds());
        return "floor(extract(epoch from " + column + ")/" + seconds + ")*" + seconds;
    }

    static Duration parse(String interval) {
        Matcher m = INTERVAL.matcher(interval);
        if (!m.matches()) {
            throw new IllegalArgumentException("interval " + interval);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
