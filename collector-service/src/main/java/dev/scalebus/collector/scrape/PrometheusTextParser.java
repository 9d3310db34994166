package dev.scalebus.collector.scrape;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses the Prometheus text exposition format 0.0.4, strictly: a line that is not blank, a comment, a well-formed
 * {@code # HELP} / {@code # TYPE} or a well-formed sample fails the whole body, so a truncated or garbled answer
 * never yields partial numbers (Prometheus fails such a scrape too). Used for the kubelet's
 * {@code /metrics/resource} and for application pods. The rules mirror prometheus/common expfmt TextParser: TYPE
 * names counter, gauge, histogram, summary or untyped (any case); a second TYPE for a name, or a TYPE after that
 * family's samples, is an error; label values know the escapes {@code \\ \" \n}; the timestamp is optional int64 ms.
 */
public final class PrometheusTextParser {

    /**
     * One sample line.
     *
     * @param type  the family's {@code # TYPE} (counter, gauge, histogram, summary) for the sample's own name or, for
     *              {@code _bucket}/{@code _sum}/{@code _count}, its histogram's or summary's; null when untyped
     * @param value the value as written ({@code NaN}, {@code +Inf} and {@code -Inf} included)
     * @param line  1-based line number, for error messages of later stages
     */
    public record Sample(String name, String type, Map<String, String> labels, String value, Long timestampMillis,
            int line) {

        /** The value as a double (NaN and ±Inf included). */
        public double number() {
            return switch (value) {
                case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(value);
            };
        }
    }

    static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    private PrometheusTextParser() {
    }

    public static List<Sample> parse(String body) throws ScrapeException {
        List<Sample> samples = new ArrayList<>();
        Map<String, String> types = new HashMap<>();
        Set<String> familiesSeen = new HashSet<>();
        String[] lines = body.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (line.isBlank()) {
                continue;
            }
            PrometheusLineReader reader = new PrometheusLineReader(line, i + 1);
            if (line.startsWith("#")) {
                reader.comment(types, familiesSeen);
                continue;
            }
            Sample sample = reader.sample(types);
            familiesSeen.add(family(sample.name(), types));
            samples.add(sample);
        }
        return samples;
    }

    /** The family a sample name belongs to: itself, or the histogram/summary it is a _bucket/_sum/_count of. */
    static String family(String name, Map<String, String> types) {
        if (types.containsKey(name)) {
            return name;
        }
        for (String suffix : new String[] {"_bucket", "_sum", "_count"}) {
            if (name.endsWith(suffix)) {
                String base = name.substring(0, name.length() - suffix.length());
                String type = types.get(base);
                if ("histogram".equals(type) || ("summary".equals(type) && !suffix.equals("_bucket"))) {
                    return base;
                }
            }
        }
        return name;
    }
}
