package dev.scalebus.autoscaler.hpa;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Kubernetes label selectors: the string form of {@code labels.Parse} and {@code metav1.LabelSelector}. */
public final class LabelSelectors {

    private static final String KEY = "[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?";
    private static final String VALUE = "([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?";
    private static final Pattern EXISTS = Pattern.compile("(!?)\\s*(" + KEY + ")");
    private static final Pattern EQUALITY = Pattern.compile("(" + KEY + ")\\s*(==|=|!=)\\s*(" + VALUE + ")");
    private static final Pattern SET = Pattern.compile("(" + KEY + ")\\s+(in|notin)\\s*\\(([^)]*)\\)");
    private static final Pattern COMPARE = Pattern.compile("(" + KEY + ")\\s*(<|>)\\s*(-?\\d+)");

    private LabelSelectors() {
    }

    /**
     * Parses a selector string such as {@code app=web,tier in (a,b),!canary}.
     *
     * @throws IllegalArgumentException with the reason when the string is not a valid selector
     */
    public static Predicate<Map<String, String>> parse(String selector) {
        List<Predicate<Map<String, String>>> parts = new ArrayList<>();
        for (String raw : splitTopLevel(selector)) {
            String s = raw.trim();
            if (s.isEmpty()) {
                throw new IllegalArgumentException("found '', expected: identifier in selector \"" + selector + "\"");
            }
            parts.add(requirement(s, selector));
        }
        return labels -> parts.stream().allMatch(p -> p.test(labels == null ? Map.of() : labels));
    }

    private static Predicate<Map<String, String>> requirement(String s, String whole) {
        Matcher m;
        if ((m = SET.matcher(s)).matches()) {
            String key = m.group(1);
            Set<String> values = Set.copyOf(List.of(m.group(4).trim().split("\\s*,\\s*")));
            boolean in = m.group(3).equals("in");
            return l -> in ? values.contains(l.get(key)) : !values.contains(l.get(key));
        }
        if ((m = EQUALITY.matcher(s)).matches()) {
            String key = m.group(1);
            String value = m.group(4);
            boolean eq = !m.group(3).equals("!=");
            return l -> eq ? value.equals(l.get(key)) : !value.equals(l.get(key));
        }
        if ((m = COMPARE.matcher(s)).matches()) {
            String key = m.group(1);
            long bound = Long.parseLong(m.group(4));
            boolean gt = m.group(3).equals(">");
            return l -> {
                try {
                    long v = Long.parseLong(l.getOrDefault(key, ""));
                    return gt ? v > bound : v < bound;
                } catch (NumberFormatException e) {
                    return false;
                }
            };
        }
        if ((m = EXISTS.matcher(s)).matches()) {
            String key = m.group(2);
            boolean negate = !m.group(1).isEmpty();
            return l -> negate != l.containsKey(key);
        }
        throw new IllegalArgumentException("unable to parse requirement: \"" + s + "\" in selector \"" + whole + "\"");
    }

    private static List<String> splitTopLevel(String selector) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < selector.length(); i++) {
            char c = selector.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(selector.substring(start, i));
                start = i + 1;
            }
        }
        out.add(selector.substring(start));
        return out;
    }

    /** metav1.LabelSelectorAsSelector: null or empty selects everything. */
    public static Predicate<Map<String, String>> of(MetricSpec.LabelSelector selector) {
        if (selector == null) {
            return l -> true;
        }
        List<Predicate<Map<String, String>>> parts = new ArrayList<>();
        if (selector.matchLabels() != null) {
            selector.matchLabels().forEach((k, v) -> parts.add(l -> v.equals(l.get(k))));
        }
        if (selector.matchExpressions() != null) {
            for (MetricSpec.LabelSelector.Requirement r : selector.matchExpressions()) {
                Set<String> values = r.values() == null ? Set.of() : Set.copyOf(r.values());
                parts.add(switch (r.operator()) {
                    case "In" -> l -> values.contains(l.get(r.key()));
                    case "NotIn" -> l -> !values.contains(l.get(r.key()));
                    case "Exists" -> l -> l.containsKey(r.key());
                    case "DoesNotExist" -> l -> !l.containsKey(r.key());
                    default -> throw new IllegalArgumentException("\"" + r.operator()
                            + "\" is not a valid label selector operator");
                });
            }
        }
        return labels -> parts.stream().allMatch(p -> p.test(labels == null ? Map.of() : labels));
    }
}
