package dev.scalebus.events.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One PromQL label matcher: {@code =}, {@code !=}, {@code =~}, {@code !~}. As in Prometheus, a missing label has the
 * value "" and regular expressions are fully anchored.
 *
 * @param label the label name
 * @param op    the operator
 * @param value   the literal or the regular expression
 * @param pattern the anchored compiled expression for =~ and !~, else null (not part of equality)
 */
public record LabelMatcher(String label, Op op, String value, Pattern pattern) {

    /** The four PromQL operators. */
    public enum Op {
        EQ("="), NEQ("!="), RE("=~"), NRE("!~");

        private final String text;

        Op(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    public static LabelMatcher of(String label, Op op, String value) {
        Pattern p = op == Op.RE || op == Op.NRE ? Pattern.compile("^(?:" + value + ")$") : null;
        return new LabelMatcher(label, op, value, p);
    }

    public boolean matches(String actual) {
        String v = actual == null ? "" : actual;
        return switch (op) {
            case EQ -> v.equals(value);
            case NEQ -> !v.equals(value);
            case RE -> pattern.matcher(v).matches();
            case NRE -> !pattern.matcher(v).matches();
        };
    }

    /** Parses {@code a="x", b!~"y"} (the inside of the braces); an empty text is no matcher. */
    static List<LabelMatcher> parseList(String text, String field) {
        List<LabelMatcher> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (true) {
            i = skipSpace(text, i);
            if (i >= n) {
                return out;
            }
            int start = i;
            while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                i++;
            }
            String label = text.substring(start, i);
            if (label.isEmpty()) {
                throw new RulesException(field + ": expected a label name at '" + text.substring(start) + "'");
            }
            i = skipSpace(text, i);
            Op op = null;
            for (Op candidate : new Op[] {Op.RE, Op.NRE, Op.NEQ, Op.EQ}) {
                if (text.startsWith(candidate.text(), i)) {
                    op = candidate;
                    i += candidate.text().length();
                    break;
                }
            }
            if (op == null) {
                throw new RulesException(field + ": expected =, !=, =~ or !~ after label '" + label + "'");
            }
            i = skipSpace(text, i);
            if (i >= n || (text.charAt(i) != '"' && text.charAt(i) != '\'')) {
                throw new RulesException(field + ": the value of label '" + label + "' must be quoted");
            }
            char quote = text.charAt(i++);
            StringBuilder value = new StringBuilder();
            while (i < n && text.charAt(i) != quote) {
                char c = text.charAt(i++);
                if (c == '\\' && i < n) {
                    char e = text.charAt(i++);
                    value.append(e == 'n' ? '\n' : e == 't' ? '\t' : e);
                } else {
                    value.append(c);
                }
            }
            if (i >= n) {
                throw new RulesException(field + ": the value of label '" + label + "' is not closed");
            }
            i++;
            try {
                out.add(of(label, op, value.toString()));
            } catch (PatternSyntaxException e) {
                throw new RulesException(field + ": bad regular expression for label '" + label + "': "
                        + e.getDescription());
            }
            i = skipSpace(text, i);
            if (i < n && text.charAt(i) == ',') {
                i++;
            } else if (i < n) {
                throw new RulesException(field + ": expected ',' or '}' at '" + text.substring(i) + "'");
            }
        }
    }

    private static int skipSpace(String text, int i) {
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelMatcher m && label.equals(m.label) && op == m.op && value.equals(m.value);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(label, op, value);
    }

    @Override
    public String toString() {
        return label + op.text() + '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
