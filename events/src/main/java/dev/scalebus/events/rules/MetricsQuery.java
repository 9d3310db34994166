package dev.scalebus.events.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The core of a prometheus-adapter {@code metricsQuery} template, parsed into what it computes instead of being
 * rendered to PromQL. Supported forms (whitespace free, {@code << .X >>} accepted for {@code <<.X>>}):
 * <pre>
 *   [AGG [by (G)] (] [FN(] &lt;&lt;.Series&gt;&gt;{&lt;&lt;.LabelMatchers&gt;&gt;[, extra matchers]} [[WINDOW])] [)] [by (G)]
 * </pre>
 * AGG is sum, avg, max or min; FN is rate or irate over WINDOW; G lists {@code <<.GroupBy>>} and/or literal labels.
 * Evaluation: each selected series gives one value (its latest sample, or FN over the samples in the window), then
 * AGG combines the series that share the group-by labels (without AGG every series is its own value).
 *
 * @param aggregation     sum, avg, max or min; null for none
 * @param groupByResource whether the series are grouped by the requested resource's label ({@code <<.GroupBy>>})
 * @param groupByLabels   literal labels grouped by, besides the resource
 * @param function        rate or irate; null for the raw sample value
 * @param window          the range of FN; null without FN
 * @param extraMatchers   label matchers written beside {@code <<.LabelMatchers>>}
 * @param text            the template as written
 */
public record MetricsQuery(String aggregation, boolean groupByResource, List<String> groupByLabels, String function,
        Duration window, List<LabelMatcher> extraMatchers, String text) {

    public static final Set<String> AGGREGATIONS = Set.of("sum", "avg", "max", "min");
    public static final Set<String> FUNCTIONS = Set.of("rate", "irate");
    private static final String SUPPORTED = "supported: [sum|avg|max|min[ by (...)](] [rate|irate(]"
            + "<<.Series>>{<<.LabelMatchers>>[,extra matchers]}[[window])][)][ by (<<.GroupBy>>,...)]";
    private static final Pattern TEMPLATE_VAR = Pattern.compile("<<\\s*\\.(\\w+)\\s*>>");
    private static final Pattern LEADING_AGG = Pattern.compile("^(sum|avg|max|min)\\s*(?:by\\s*\\(([^)]*)\\)\\s*)?\\(");
    private static final Pattern TRAILING_BY = Pattern.compile("^by\\s*\\(([^)]*)\\)$");
    private static final Pattern FUNCTION = Pattern.compile("^(rate|irate)\\s*\\((.*)\\[([0-9a-z]+)\\]\\s*\\)$",
            Pattern.DOTALL);

    public MetricsQuery {
        groupByLabels = List.copyOf(groupByLabels);
        extraMatchers = List.copyOf(extraMatchers);
    }

    /**
     * Parses a template.
     *
     * @throws RulesException naming {@code field} and the supported forms when the template is outside them
     */
    public static MetricsQuery parse(String template, String field) {
        if (template == null || template.isBlank()) {
            throw new RulesException(field + ": a metricsQuery is required; " + SUPPORTED);
        }
        String q = TEMPLATE_VAR.matcher(template.strip()).replaceAll("<<.$1>>");
        String aggregation = null;
        List<String> groupBy = new ArrayList<>();
        Matcher agg = LEADING_AGG.matcher(q);
        if (agg.find()) {
            aggregation = agg.group(1);
            if (agg.group(2) != null) {
                groupBy.addAll(labels(agg.group(2)));
            }
            int close = matchingParen(q, agg.end() - 1);
            if (close < 0) {
                throw new RulesException(field + ": unbalanced parentheses in '" + template + "'");
            }
            String rest = q.substring(close + 1).strip();
            if (!rest.isEmpty()) {
                Matcher by = TRAILING_BY.matcher(rest);
                if (!by.matches() || agg.group(2) != null) {
                    throw new RulesException(field + ": unsupported text '" + rest + "' after the aggregation; "
                            + SUPPORTED);
                }
                groupBy.addAll(labels(by.group(1)));
            }
            q = q.substring(agg.end(), close).strip();
        }
        String function = null;
        Duration window = null;
        Matcher fn = FUNCTION.matcher(q);
        if (fn.matches()) {
            function = fn.group(1);
            window = PromDuration.parse(fn.group(3), field);
            q = fn.group(2).strip();
        }
        List<LabelMatcher> extra = selectorMatchers(q, template, field);
        boolean byResource = groupBy.remove("<<.GroupBy>>");
        if (groupBy.stream().anyMatch(l -> l.contains("<<"))) {
            throw new RulesException(field + ": only <<.GroupBy>> may be templated in 'by (...)'");
        }
        return new MetricsQuery(aggregation, byResource, groupBy, function, window, extra, template);
    }

    private static List<LabelMatcher> selectorMatchers(String q, String template, String field) {
        if (!q.startsWith("<<.Series>>")) {
            throw new RulesException(field + ": '" + template + "' does not select <<.Series>>; " + SUPPORTED);
        }
        String braces = q.substring("<<.Series>>".length()).strip();
        if (!braces.startsWith("{") || !braces.endsWith("}") || !braces.contains("<<.LabelMatchers>>")) {
            throw new RulesException(field + ": <<.Series>> must be followed by {<<.LabelMatchers>>} in '" + template
                    + "'; " + SUPPORTED);
        }
        String inside = braces.substring(1, braces.length() - 1).replace("<<.LabelMatchers>>", "");
        inside = inside.replaceAll("^\\s*,|,\\s*$", "").replaceAll(",\\s*,", ",");
        if (inside.contains("<<")) {
            throw new RulesException(field + ": unsupported template variable in '" + template + "'; " + SUPPORTED);
        }
        return LabelMatcher.parseList(inside, field);
    }

    private static List<String> labels(String list) {
        List<String> out = new ArrayList<>();
        for (String l : list.split(",")) {
            if (!l.isBlank()) {
                out.add(l.strip());
            }
        }
        return out;
    }

    private static int matchingParen(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
