package dev.scalebus.collector.scrape;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Cursor over one line; every failure names the line number, the column and what was expected. */
final class PrometheusLineReader {
    private final String text;
    private final int lineNumber;
    private int pos;

    PrometheusLineReader(String text, int lineNumber) {
        this.text = text;
        this.lineNumber = lineNumber;
    }

    /** {@code # HELP name text}, {@code # TYPE name type}, or any other comment (ignored). */
    void comment(Map<String, String> types, Set<String> familiesSeen) throws ScrapeException {
        pos = 1;
        skipSpaces();
        String keyword = token();
        if (!keyword.equals("HELP") && !keyword.equals("TYPE")) {
            return;
        }
        requireSpace("a metric name after # " + keyword);
        String name = name(true);
        if (keyword.equals("HELP")) {
            return; // the docstring is free text (escapes \\ and \n); scalebus does not keep it
        }
        requireSpace("a type after the metric name");
        String type = token().toLowerCase(Locale.ROOT);
        if (!PrometheusTextParser.TYPES.contains(type)) {
            throw fail("unknown metric type '" + type + "' (expected one of counter, gauge, histogram, summary,"
                    + " untyped)");
        }
        skipSpaces();
        if (pos < text.length()) {
            throw fail("unexpected text after the type");
        }
        if (types.containsKey(name) || familiesSeen.contains(name)) {
            throw fail("second TYPE line for metric name " + name + ", or TYPE reported after samples");
        }
        types.put(name, type);
    }

    PrometheusTextParser.Sample sample(Map<String, String> types) throws ScrapeException {
        String name = name(true);
        Map<String, String> labels = new LinkedHashMap<>();
        if (pos < text.length() && text.charAt(pos) == '{') {
            pos++;
            labels(labels);
        }
        requireSpace("a space before the value");
        String value = token();
        if (!isFloat(value)) {
            throw fail("value '" + value + "' is not a number");
        }
        Long timestamp = null;
        skipSpaces();
        if (pos < text.length()) {
            String ts = token();
            try {
                timestamp = Long.parseLong(ts);
            } catch (NumberFormatException e) {
                throw fail("timestamp '" + ts + "' is not an integer");
            }
            skipSpaces();
            if (pos < text.length()) {
                throw fail("unexpected text after the timestamp");
            }
        }
        String type = types.get(PrometheusTextParser.family(name, types));
        return new PrometheusTextParser.Sample(name, "untyped".equals(type) ? null : type, labels, value, timestamp, lineNumber);
    }

    private String name(boolean metric) throws ScrapeException {
        int start = pos;
        while (pos < text.length() && isNameChar(text.charAt(pos), pos == start, metric)) {
            pos++;
        }
        if (pos == start) {
            throw fail(metric ? "expected a metric name" : "expected a label name");
        }
        return text.substring(start, pos);
    }

    private void labels(Map<String, String> labels) throws ScrapeException {
        skipSpaces();
        while (peek() != '}') {
            String label = name(false);
            skipSpaces();
            if (peek() != '=') {
                throw fail("expected '=' after label " + label);
            }
            pos++;
            skipSpaces();
            if (labels.put(label, quoted()) != null) {
                throw fail("duplicate label name " + label);
            }
            skipSpaces();
            if (peek() == ',') {
                pos++;
                skipSpaces();
            } else if (peek() != '}') {
                throw fail("expected ',' or '}' in the label set");
            }
        }
        pos++;
    }

    private String quoted() throws ScrapeException {
        if (peek() != '"') {
            throw fail("expected a quoted label value");
        }
        pos++;
        StringBuilder value = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return value.toString();
            }
            if (c != '\\') {
                value.append(c);
                continue;
            }
            char escaped = pos < text.length() ? text.charAt(pos++) : ' ';
            switch (escaped) {
                case 'n' -> value.append('\n');
                case '\\', '"' -> value.append(escaped);
                default -> throw fail("invalid escape sequence '\\" + escaped + "' in a label value");
            }
        }
        throw fail("unterminated label value");
    }

    private String token() {
        int start = pos;
        while (pos < text.length() && text.charAt(pos) != ' ' && text.charAt(pos) != '\t') {
            pos++;
        }
        return text.substring(start, pos);
    }

    private void requireSpace(String what) throws ScrapeException {
        if (pos >= text.length() || (text.charAt(pos) != ' ' && text.charAt(pos) != '\t')) {
            throw fail("expected " + what);
        }
        skipSpaces();
    }

    private void skipSpaces() {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
            pos++;
        }
    }

    private char peek() throws ScrapeException {
        if (pos >= text.length()) {
            throw fail("line ends early");
        }
        return text.charAt(pos);
    }

    private ScrapeException fail(String what) {
        return ScrapeException.malformed("Prometheus text line " + lineNumber + " column " + (pos + 1) + ": "
                + what);
    }

    private static boolean isNameChar(char c, boolean first, boolean metric) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (metric && c == ':')
                || (!first && c >= '0' && c <= '9');
    }

    private static boolean isFloat(String value) {
        if (value.equals("NaN") || value.equals("+Inf") || value.equals("-Inf") || value.equals("Inf")) {
            return true;
        }
        if (value.isEmpty() || !value.chars().allMatch(c -> "0123456789.eE+-".indexOf(c) >= 0)) {
            return false;
        }
        try {
            Double.parseDouble(value);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
