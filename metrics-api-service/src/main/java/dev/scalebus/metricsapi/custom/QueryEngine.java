package dev.scalebus.metricsapi.custom;

import dev.scalebus.events.rules.LabelMatcher;
import dev.scalebus.events.rules.MetricsQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Evaluates one rule's {@link MetricsQuery} over the {@link SeriesWindow}, in place of the PromQL query
 * prometheus-adapter renders: select the series (rule selector, the request's matchers, the query's extra
 * matchers), turn each into one value (instant, rate or irate), then aggregate the series sharing the group-by
 * labels ({@code <<.GroupBy>>} = the requested resource's label, plus literal labels).
 */
public final class QueryEngine {

    /** One element of the result vector: its labels (the group-by labels when aggregated) and value. */
    public record Value(Map<String, String> labels, double value) {
    }

    private QueryEngine() {
    }

    /**
     * @param window       the series
     * @param seriesName   the {@code <<.Series>>} the request resolved to
     * @param query        the rule's query
     * @param selects      the rule's selector and the request's matchers, over a series' labels
     * @param groupByLabel the requested resource's label ({@code <<.GroupBy>>}); null when none
     * @param nowMillis    the evaluation time
     */
    public static List<Value> evaluate(SeriesWindow window, String seriesName, MetricsQuery query,
            Predicate<Map<String, String>> selects, String groupByLabel, long nowMillis) {
        List<Series> selected = window.select(seriesName, labels -> selects.test(labels)
                && matchesAll(query.extraMatchers(), labels));
        List<Value> perSeries = new ArrayList<>();
        for (Series s : selected) {
            OptionalDouble v = value(s, query, nowMillis);
            if (v.isPresent()) {
                perSeries.add(new Value(s.labels(), v.getAsDouble()));
            }
        }
        if (query.aggregation() == null) {
            return perSeries;
        }
        List<String> by = new ArrayList<>();
        if (query.groupByResource() && groupByLabel != null) {
            by.add(groupByLabel);
        }
        by.addAll(query.groupByLabels());
        Map<Map<String, String>, double[]> groups = new LinkedHashMap<>(); // {sum or extreme, count}
        for (Value v : perSeries) {
            Map<String, String> key = new TreeMap<>();
            for (String l : by) {
                String lv = v.labels().get(l);
                if (lv != null && !lv.isEmpty()) {
                    key.put(l, lv); // as PromQL: an absent or empty label is not part of the output labels
                }
            }
            double[] acc = groups.get(key);
            if (acc == null) {
                groups.put(key, new double[] {v.value(), 1});
            } else {
                acc[0] = combine(query.aggregation(), acc[0], v.value());
                acc[1]++;
            }
        }
        List<Value> out = new ArrayList<>();
        groups.forEach((k, acc) -> out.add(new Value(Map.copyOf(k),
                query.aggregation().equals("avg") ? acc[0] / acc[1] : acc[0])));
        return out;
    }

    private static double combine(String aggregation, double acc, double v) {
        return switch (aggregation) {
            case "max" -> Math.max(acc, v);
            case "min" -> Math.min(acc, v);
            default -> acc + v; // sum, and avg's running sum
        };
    }

    private static OptionalDouble value(Series s, MetricsQuery query, long nowMillis) {
        if (query.function() == null) {
            return PromFunctions.instant(s, nowMillis);
        }
        long window = query.window().toMillis();
        return query.function().equals("rate") ? PromFunctions.rate(s, nowMillis, window)
                : PromFunctions.irate(s, nowMillis, window);
    }

    static boolean matchesAll(List<LabelMatcher> matchers, Map<String, String> labels) {
        for (LabelMatcher m : matchers) {
            if (!m.matches(labels.get(m.label()))) {
                return false;
            }
        }
        return true;
    }
}
