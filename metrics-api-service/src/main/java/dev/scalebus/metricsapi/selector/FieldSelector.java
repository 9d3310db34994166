package dev.scalebus.metricsapi.selector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A field selector over object metadata: {@code metadata.name=x}, {@code ==}, {@code !=}, joined by commas. Mirrors
 * apimachinery's {@code fields.ParseSelector} (with {@code \} escaping {@code , = !}) and the generic apiserver's
 * default field label conversion, which accepts only {@code metadata.name} and {@code metadata.namespace}.
 */
public final class FieldSelector {

    public static final String NAME = "metadata.name";
    public static final String NAMESPACE = "metadata.namespace";
    private static final Set<String> KNOWN = Set.of(NAME, NAMESPACE);
    private static final FieldSelector EVERYTHING = new FieldSelector(List.of());

    private record Term(String field, String value, boolean equal) {
    }

    private final List<Term> terms;

    private FieldSelector(List<Term> terms) {
        this.terms = List.copyOf(terms);
    }

    public static FieldSelector everything() {
        return EVERYTHING;
    }

    public static FieldSelector parse(String text) {
        if (text == null || text.isBlank()) {
            return EVERYTHING;
        }
        List<Term> terms = new ArrayList<>();
        for (String part : splitUnescaped(text)) {
            if (part.isEmpty()) {
                continue;
            }
            terms.add(term(text, part));
        }
        return new FieldSelector(terms);
    }

    /** As apimachinery's {@code splitTerm}: the first position holding an operator wins, != before == before =. */
    private static Term term(String whole, String part) {
        for (int i = 0; i < part.length(); i++) {
            if (part.charAt(i) == '\\') {
                i++;
                continue;
            }
            for (String op : new String[] {"!=", "==", "="}) {
                if (part.startsWith(op, i)) {
                    String field = part.substring(0, i);
                    if (!KNOWN.contains(field)) {
                        throw new SelectorException("\"" + field + "\" is not a known field selector: only \""
                                + NAME + "\", \"" + NAMESPACE + "\"");
                    }
                    return new Term(field, unescape(part.substring(i + op.length())), !op.equals("!="));
                }
            }
        }
        throw new SelectorException("invalid selector: '" + whole + "'; can't understand '" + part + "'");
    }

    private static List<String> splitUnescaped(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                current.append(c).append(text.charAt(++i));
            } else if (c == ',') {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    private static String unescape(String s) {
        return s.replaceAll("\\\\([,=!\\\\])", "$1");
    }

    /** Whether the object's fields (metadata.name and, for namespaced objects, metadata.namespace) match. */
    public boolean matches(Map<String, String> fields) {
        for (Term t : terms) {
            boolean same = t.value().equals(fields.getOrDefault(t.field(), ""));
            if (same != t.equal()) {
                return false;
            }
        }
        return true;
    }
}
