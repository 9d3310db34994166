package dev.scalebus.collector.scrape;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the Prometheus text exposition format (version 0.0.4) that the kubelet's {@code /metrics/resource}
 * serves, strictly: any line that is not a comment, blank or a well-formed sample fails the whole body, so a
 * truncated or garbled answer never yields partial numbers. metrics-server uses prometheus/textparse for this.
 */
public final class PrometheusTextParser {

    /** One sample line: metric name, labels, the value as written, and the optional timestamp in ms. */
    public record Sample(String name, Map<String, String> labels, String value, Long timestampMillis, int line) {
    }

    private PrometheusTextParser() {
    }

    public static List<Sample> parse(String body) throws ScrapeException {
        List<Sample> samples = new ArrayList<>();
        String[] lines = body.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            samples.add(new LineReader(line, i + 1).sample());
        }
        return samples;
    }

    /** Cursor over one line; every failure names the line number and what was expected. */
    private static final class LineReader {
        private final String text;
        private final int lineNumber;
        private int pos;

        LineReader(String text, int lineNumber) {
            this.text = text;
            this.lineNumber = lineNumber;
        }

        Sample sample() throws ScrapeException {
            String name = name();
            Map<String, String> labels = new LinkedHashMap<>();
            if (peek() == '{') {
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
            return new Sample(name, labels, value, timestamp, lineNumber);
        }

        private String name() throws ScrapeException {
            int start = pos;
            while (pos < text.length() && isNameChar(text.charAt(pos), pos == start)) {
                pos++;
            }
            if (pos == start) {
                throw fail("expected a metric name");
            }
            return text.substring(start, pos);
        }

        private void labels(Map<String, String> labels) throws ScrapeException {
            skipSpaces();
            while (peek() != '}') {
                String label = name();
                skipSpaces();
                if (peek() != '=') {
                    throw fail("expected '=' after label " + label);
                }
                pos++;
                skipSpaces();
                labels.put(label, quoted());
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
                if (c == '\\' && pos < text.length()) {
                    char escaped = text.charAt(pos++);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(c);
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

        private static boolean isNameChar(char c, boolean first) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':'
                    || (!first && c >= '0' && c <= '9');
        }

        private static boolean isFloat(String value) {
            if (value.equals("NaN") || value.equals("+Inf") || value.equals("-Inf")) {
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
}
