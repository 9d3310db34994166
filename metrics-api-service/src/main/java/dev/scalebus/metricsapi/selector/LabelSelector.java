package dev.scalebus.metricsapi.selector;

import dev.scalebus.metricsapi.selector.Requirement.Operator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A Kubernetes label selector: {@code a=b}, {@code a==b}, {@code a!=b}, {@code a in (b,c)}, {@code a notin (b)},
 * {@code a}, {@code !a}, {@code a>1}, {@code a<1}, joined by commas (all must hold). Mirrors the grammar, matching
 * and error wording of apimachinery's {@code labels.Parse}; the empty selector matches everything.
 */
public final class LabelSelector {

    private static final LabelSelector EVERYTHING = new LabelSelector(List.of());
    private static final Pattern NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private final List<Requirement> requirements;

    private LabelSelector(List<Requirement> requirements) {
        this.requirements = List.copyOf(requirements);
    }

    public static LabelSelector everything() {
        return EVERYTHING;
    }

    /** Parses a selector; null or blank means everything. */
    public static LabelSelector parse(String text) {
        if (text == null || text.isBlank()) {
            return EVERYTHING;
        }
        Lexer lexer = new Lexer(text);
        List<Requirement> requirements = new ArrayList<>();
        while (true) {
            requirements.add(requirement(lexer));
            Lexer.Token next = lexer.next();
            if (next.kind() == Lexer.Kind.END) {
                return new LabelSelector(requirements);
            }
            if (next.kind() != Lexer.Kind.COMMA) {
                throw new SelectorException("found '" + next.text() + "', expected: ',' or 'end of string'");
            }
        }
    }

    private static Requirement requirement(Lexer lexer) {
        Lexer.Token first = lexer.next();
        if (first.kind() == Lexer.Kind.NOT) {
            Lexer.Token key = lexer.next();
            if (key.kind() != Lexer.Kind.IDENTIFIER) {
                throw new SelectorException("found '" + key.text() + "', expected: identifier");
            }
            return new Requirement(validKey(key.text()), Operator.DOES_NOT_EXIST, List.of());
        }
        if (first.kind() != Lexer.Kind.IDENTIFIER) {
            throw new SelectorException("found '" + first.text() + "', expected: !, identifier, or 'end of string'");
        }
        String key = validKey(first.text());
        Lexer.Kind peek = lexer.peek().kind();
        if (peek == Lexer.Kind.COMMA || peek == Lexer.Kind.END) {
            return new Requirement(key, Operator.EXISTS, List.of());
        }
        Lexer.Token op = lexer.next();
        return switch (op.kind()) {
            case EQUALS, DOUBLE_EQUALS -> new Requirement(key, Operator.EQUALS, List.of(singleValue(lexer)));
            case NOT_EQUALS -> new Requirement(key, Operator.NOT_EQUALS, List.of(singleValue(lexer)));
            case IN -> new Requirement(key, Operator.IN, valueSet(lexer));
            case NOT_IN -> new Requirement(key, Operator.NOT_IN, valueSet(lexer));
            case GREATER_THAN, LESS_THAN -> {
                String bound = singleValue(lexer);
                if (!bound.matches("-?\\d+")) {
                    throw new SelectorException("unable to parse requirement: for 'Gt', 'Lt' operators, the value "
                            + "must be an integer");
                }
                yield new Requirement(key, op.kind() == Lexer.Kind.GREATER_THAN ? Operator.GREATER_THAN
                        : Operator.LESS_THAN, List.of(bound));
            }
            default -> throw new SelectorException("found '" + op.text()
                    + "', expected: [!= == = > < in notin]");
        };
    }

    private static String singleValue(Lexer lexer) {
        Lexer.Kind peek = lexer.peek().kind();
        if (peek == Lexer.Kind.COMMA || peek == Lexer.Kind.END) {
            return ""; // "a=" selects an empty value, as apimachinery
        }
        Lexer.Token value = lexer.next();
        if (value.kind() != Lexer.Kind.IDENTIFIER) {
            throw new SelectorException("found '" + value.text() + "', expected: identifier");
        }
        return validValue(value.text());
    }

    private static List<String> valueSet(Lexer lexer) {
        Lexer.Token open = lexer.next();
        if (open.kind() != Lexer.Kind.OPEN) {
            throw new SelectorException("found '" + open.text() + "', expected: '('");
        }
        List<String> values = new ArrayList<>();
        boolean expectValue = true;
        while (true) {
            Lexer.Token t = lexer.next();
            switch (t.kind()) {
                case IDENTIFIER -> {
                    if (!expectValue) {
                        throw new SelectorException("found '" + t.text() + "', expected: ',' or ')'");
                    }
                    values.add(validValue(t.text()));
                    expectValue = false;
                }
                case COMMA -> {
                    if (expectValue) {
                        values.add(""); // "(a,,b)" holds an empty value
                    }
                    expectValue = true;
                }
                case CLOSE -> {
                    if (expectValue && !values.isEmpty()) {
                        values.add("");
                    }
                    if (values.isEmpty()) {
                        throw new SelectorException("unable to parse requirement: for 'in', 'notin' operators, "
                                + "values set can't be empty");
                    }
                    return values;
                }
                default -> throw new SelectorException("found '" + t.text() + "', expected: ',', ')' or identifier");
            }
        }
    }

    static String validKey(String key) {
        int slash = key.lastIndexOf('/');
        String name = slash >= 0 ? key.substring(slash + 1) : key;
        String prefix = slash >= 0 ? key.substring(0, slash) : null;
        if (prefix != null && (prefix.isEmpty() || prefix.length() > 253 || !DNS_SUBDOMAIN.matcher(prefix).matches())) {
            throw new SelectorException("unable to parse requirement: key: Invalid value: \"" + key
                    + "\": prefix part must be a lowercase RFC 1123 subdomain");
        }
        if (name.isEmpty() || name.length() > 63 || !NAME.matcher(name).matches()) {
            throw new SelectorException("unable to parse requirement: key: Invalid value: \"" + key
                    + "\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and "
                    + "end with an alphanumeric character, at most 63 characters");
        }
        return key;
    }

    private static String validValue(String value) {
        if (!value.isEmpty() && (value.length() > 63 || !NAME.matcher(value).matches())) {
            throw new SelectorException("unable to parse requirement: values[0]: Invalid value: \"" + value
                    + "\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' "
                    + "or '.', and must start and end with an alphanumeric character, at most 63 characters");
        }
        return value;
    }

    public boolean matches(Map<String, String> labels) {
        for (Requirement r : requirements) {
            if (!r.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    public boolean isEverything() {
        return requirements.isEmpty();
    }

    /** The value {@code key} must equal ({@code key=v}, {@code key==v}, {@code key in (v)}), if the selector says. */
    public java.util.Optional<String> equalityValue(String key) {
        for (Requirement r : requirements) {
            boolean equality = r.operator() == Operator.EQUALS || r.operator() == Operator.IN && r.values().size() == 1;
            if (r.key().equals(key) && equality) {
                return java.util.Optional.of(r.values().get(0));
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * The selector as a {@code metav1.LabelSelector} JSON object, as apimachinery's {@code ParseToLabelSelector}
     * converts it: {@code =}/{@code ==} into {@code matchLabels}, the rest into {@code matchExpressions}
     * ({@code !=} as a one-value {@code NotIn}).
     */
    public Map<String, Object> toJson() {
        Map<String, Object> matchLabels = new java.util.TreeMap<>();
        List<Map<String, Object>> expressions = new ArrayList<>();
        for (Requirement r : requirements) {
            String op = switch (r.operator()) {
                case EQUALS -> null;
                case IN -> "In";
                case NOT_EQUALS, NOT_IN -> "NotIn";
                case EXISTS -> "Exists";
                case DOES_NOT_EXIST -> "DoesNotExist";
                case GREATER_THAN -> "Gt";
                case LESS_THAN -> "Lt";
            };
            if (op == null) {
                matchLabels.put(r.key(), r.values().get(0));
                continue;
            }
            Map<String, Object> e = new java.util.LinkedHashMap<>();
            e.put("key", r.key());
            e.put("operator", op);
            if (!r.values().isEmpty()) {
                e.put("values", r.values());
            }
            expressions.add(e);
        }
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        if (!matchLabels.isEmpty()) {
            out.put("matchLabels", matchLabels);
        }
        if (!expressions.isEmpty()) {
            out.put("matchExpressions", expressions);
        }
        return out;
    }
}
