package dev.scalebus.events.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Prometheus series selector as prometheus-adapter's {@code seriesQuery} uses it:
 * {@code metric_name{label="v",other!="",re=~"a|b",nre!~"x.*"}}, the name optional when {@code __name__} is matched.
 * Plain Java; {@link #matches} answers what Prometheus's {@code /api/v1/series?match[]=} would select.
 *
 * @param metricName the metric name before the braces; null when the selector has none
 * @param matchers   the label matchers, {@code __name__} included when written so
 */
public record SeriesSelector(String metricName, List<LabelMatcher> matchers) {

    public SeriesSelector {
        matchers = List.copyOf(matchers);
    }

    /**
     * Parses a selector.
     *
     * @throws RulesException naming {@code field} when it is not a series selector
     */
    public static SeriesSelector parse(String text, String field) {
        if (text == null || text.isBlank()) {
            throw new RulesException(field + ": a series selector is required, e.g. http_requests_total{pod!=\"\"}");
        }
        String s = text.strip();
        int brace = s.indexOf('{');
        String name = (brace < 0 ? s : s.substring(0, brace)).strip();
        if (!name.isEmpty() && !name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*")) {
            throw new RulesException(field + ": '" + name + "' is not a metric name");
        }
        List<LabelMatcher> matchers = new ArrayList<>();
        if (brace >= 0) {
            if (!s.endsWith("}")) {
                throw new RulesException(field + ": the label matchers of '" + s + "' are not closed with '}'");
            }
            matchers.addAll(LabelMatcher.parseList(s.substring(brace + 1, s.length() - 1), field));
        }
        if (name.isEmpty() && matchers.stream().noneMatch(m -> m.label().equals("__name__"))) {
            throw new RulesException(field + ": '" + s + "' selects no metric name (give a name or a __name__ matcher)");
        }
        return new SeriesSelector(name.isEmpty() ? null : name, matchers);
    }

    /** Whether a series with this name and these labels (target labels included) is selected. */
    public boolean matches(String name, Map<String, String> labels) {
        if (metricName != null && !metricName.equals(name)) {
            return false;
        }
        for (LabelMatcher m : matchers) {
            String value = m.label().equals("__name__") ? name : labels.getOrDefault(m.label(), "");
            if (!m.matches(value)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(metricName == null ? "" : metricName);
        if (!matchers.isEmpty()) {
            b.append('{');
            for (int i = 0; i < matchers.size(); i++) {
                b.append(i == 0 ? "" : ",").append(matchers.get(i));
            }
            b.append('}');
        }
        return b.toString();
    }
}
