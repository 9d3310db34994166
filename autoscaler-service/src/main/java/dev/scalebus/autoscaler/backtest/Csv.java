package dev.scalebus.autoscaler.backtest;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The candidate and actual timelines as CSV rows, one per point, for spreadsheets. */
public final class Csv {

    private Csv() {
    }

    public static String of(Timeline candidate, Timeline actual) {
        Set<String> names = new LinkedHashSet<>();
        for (Timeline t : List.of(candidate, actual)) {
            t.timeline().forEach(p -> p.metrics().forEach(m -> names.add(m.name())));
        }
        StringBuilder b = new StringBuilder("series,time,currentReplicas,desiredReplicas,appliedReplicas");
        names.forEach(n -> b.append(',').append(n).append("_utilization"));
        b.append(",reason\n");
        rows(b, "candidate", candidate, names);
        rows(b, "actual", actual, names);
        return b.toString();
    }

    private static void rows(StringBuilder b, String series, Timeline t, Set<String> names) {
        for (Timeline.Point p : t.timeline()) {
            b.append(series).append(',').append(p.time()).append(',').append(p.currentReplicas()).append(',')
                    .append(p.desiredReplicas()).append(',')
                    .append(p.appliedReplicas() == null ? "" : p.appliedReplicas());
            for (String n : names) {
                Integer u = p.metrics().stream().filter(m -> m.name().equals(n)).findFirst()
                        .map(Timeline.Metric::utilizationPercent).orElse(null);
                b.append(',').append(u == null ? "" : u);
            }
            b.append(',').append(quote(p.reason())).append('\n');
        }
    }

    static String quote(String s) {
        if (s == null) {
            return "";
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
