package dev.scalebus.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A small Prometheus text-format parser for the tests (what a scraper would read). */
final class PromText {

    record Sample(String name, Map<String, String> labels, double value, Long timestampMillis) {
    }

    private static final Pattern LINE = Pattern.compile(
            "^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)\\})? (\\S+)( (-?\\d+))?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"([^\"]*)\"");

    private PromText() {
    }

    static List<Sample> parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a sample line: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(4)),
                    m.group(6) == null ? null : Long.parseLong(m.group(6))));
        }
        return samples;
    }

    static double value(List<Sample> samples, String name, String label, String labelValue) {
        return samples.stream().filter(s -> s.name().equals(name))
                .filter(s -> label == null || labelValue.equals(s.labels().get(label)))
                .findFirst().orElseThrow(() -> new AssertionError("no sample " + name + " " + label + "=" + labelValue))
                .value();
    }
}
