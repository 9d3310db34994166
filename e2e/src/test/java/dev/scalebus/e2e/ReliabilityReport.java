package dev.scalebus.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The results table of one FaultInjectionIT run, written to docs/reliability.md: per fault its duration, samples
 * published vs stored, decisions made vs stored, duplicates, time to recover and the outcome, in figures.
 */
final class ReliabilityReport {

    /** One fault's row; counts are -1 where not measured. */
    static final class Row {
        final String fault;
        String duration = "";
        long samplesPublished = -1;
        long samplesStored = -1;
        long decisionsMade = -1;
        long decisionsStored = -1;
        long duplicates = -1;
        Duration recovery;
        boolean passed;
        String notes = "";
        final List<String> failures = new ArrayList<>();

        Row(String fault) {
            this.fault = fault;
        }
    }

    private final List<Row> rows = new ArrayList<>();
    private final Instant started = Instant.now();

    Row row(String fault) {
        Row r = new Row(fault);
        rows.add(r);
        return r;
    }

    void write(Path file, String setup) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Reliability: the fault-injection suite's last run\n\n")
                .append("Written by `e2e/src/test/java/dev/scalebus/e2e/FaultInjectionIT.java` (issue 14) on ")
                .append(started).append(", wall time ")
                .append(Duration.between(started, Instant.now()).toSeconds()).append(" s. ").append(setup)
                .append("\n\n| fault | duration | samples published | samples stored | decisions made | decisions stored"
                        + " | duplicates | time to recover | result | notes |\n|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            md.append("| ").append(r.fault).append(" | ").append(r.duration).append(" | ")
                    .append(n(r.samplesPublished)).append(" | ").append(n(r.samplesStored)).append(" | ")
                    .append(n(r.decisionsMade)).append(" | ").append(n(r.decisionsStored)).append(" | ")
                    .append(n(r.duplicates)).append(" | ")
                    .append(r.recovery == null ? "not recovered" : String.format("%.1f s", r.recovery.toMillis() / 1000.0))
                    .append(" | ").append(r.passed ? "pass" : "**fail**").append(" | ")
                    .append(r.notes.replace("|", "/").replace("\n", " ")).append(" |\n");
        }
        md.append("\n## Failures, as the suite saw them\n\n");
        boolean any = false;
        for (Row r : rows) {
            for (String f : r.failures) {
                any = true;
                md.append("- **").append(r.fault).append("**: ").append(f.replace("\n", " ").replace("|", "\\|"))
                        .append('\n');
            }
        }
        if (!any) {
            md.append("None.\n");
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, md.toString());
    }

    private static String n(long v) {
        return v < 0 ? "—" : Long.toString(v);
    }
}
