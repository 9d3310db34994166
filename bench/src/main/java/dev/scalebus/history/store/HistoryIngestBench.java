package dev.scalebus.history.store;

import dev.scalebus.bench.Scrapes;
import dev.scalebus.events.ContainerSample;
import dev.scalebus.events.NodeScrape;
import dev.scalebus.events.PodSample;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * History ingest, rows per second: the service's own container-sample insert ({@code SampleWriter}'s
 * {@code UnnestInsert}: one {@code INSERT ... SELECT FROM unnest(arrays) ON CONFLICT DO NOTHING} per batch) against a
 * raw {@code COPY ... FROM STDIN} of the very same rows into the very same table, in the same run. Runs in a schema of
 * its own (history's V1 migration applied to it) that is dropped at the end. Lives in the history store package
 * because UnnestInsert is package-private; {@code SampleWriter} itself needs Quarkus (Agroal, QuarkusTransaction) so
 * its row mapping is repeated here for the container table only.
 *
 * <p>Args: nodes (30 pods each), rounds, batchNodeScrapes, repetitions. Prints one line per measure as
 * {@code RESULT key value}.
 */
public final class HistoryIngestBench {

    public static void main(String[] args) throws Exception {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int repetitions = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        String url = System.getenv().getOrDefault("SCALEBUS_DB_URL",
                "jdbc:postgresql://127.0.0.1:5432/scalebus_test");
        String schema = "bench_" + UUID.randomUUID().toString().substring(0, 8);

        NodeScrape[][] byRound = Scrapes.rounds(nodes, 30, rounds + 1);
        List<NodeScrape> scrapes = new ArrayList<>();
        for (int r = 1; r <= rounds; r++) { // round 0 has no rates; the history stores it too, but keep rows alike
            scrapes.addAll(List.of(byRound[r]));
        }
        try (Connection c = DriverManager.getConnection(url, "scalebus", "scalebus")) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
                s.execute("SET search_path TO " + schema);
                s.execute(migration());
                LocalDate day = scrapes.get(0).scrapeTime().atZone(ZoneOffset.UTC).toLocalDate();
                s.execute("CREATE TABLE " + PartitionNames.partition("container_samples", day)
                        + " PARTITION OF container_samples FOR VALUES FROM ('" + PartitionNames.start(day) + "') TO ('"
                        + PartitionNames.start(day.plusDays(1)) + "')");
            }
            c.setAutoCommit(false);
            double bestInsert = 0;
            double bestCopy = 0;
            long rows = 0;
            for (int rep = 0; rep < repetitions; rep++) {
                truncate(c);
                long t0 = System.nanoTime();
                rows = 0;
                for (int i = 0; i < scrapes.size(); i += batch) {
                    UnnestInsert insert = containerInsert();
                    for (NodeScrape scrape : scrapes.subList(i, Math.min(scrapes.size(), i + batch))) {
                        addContainers(insert, scrape);
                    }
                    rows += insert.execute(c);
                    c.commit();
                }
                double insertRate = rows / ((System.nanoTime() - t0) / 1e9);
                truncate(c);
                CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
                t0 = System.nanoTime();
                long copied = 0;
                for (int i = 0; i < scrapes.size(); i += batch) {
                    StringBuilder csv = new StringBuilder();
                    for (NodeScrape scrape : scrapes.subList(i, Math.min(scrapes.size(), i + batch))) {
                        csvContainers(csv, scrape);
                    }
                    copied += copy.copyIn("COPY container_samples (" + COLUMNS + ") FROM STDIN (FORMAT csv)",
                            new java.io.StringReader(csv.toString()));
                    c.commit();
                }
                double copyRate = copied / ((System.nanoTime() - t0) / 1e9);
                if (copied != rows) {
                    throw new IllegalStateException("COPY wrote " + copied + " rows, the insert " + rows);
                }
                System.out.printf(Locale.ROOT, "history rep %d: unnest insert %.0f rows/s, COPY %.0f rows/s (%d rows)%n",
                        rep, insertRate, copyRate, rows);
                bestInsert = Math.max(bestInsert, insertRate);
                bestCopy = Math.max(bestCopy, copyRate);
            }
            System.out.printf(Locale.ROOT, "RESULT history.rows %d%n", rows);
            System.out.printf(Locale.ROOT, "RESULT history.batchRows %d%n", rows / Math.max(1, scrapes.size()) * batch);
            System.out.printf(Locale.ROOT, "RESULT history.insertRowsPerSecond %.0f%n", bestInsert);
            System.out.printf(Locale.ROOT, "RESULT history.copyRowsPerSecond %.0f%n", bestCopy);
            System.out.printf(Locale.ROOT, "RESULT history.insertToCopyRatio %.2f%n", bestInsert / bestCopy);
        } finally {
            try (Connection c = DriverManager.getConnection(url, "scalebus", "scalebus");
                    Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private static final String COLUMNS = "namespace, pod, container, sample_time, scrape_time, node, workload_kind,"
            + " workload_name, sidecar, window_millis, cpu_nano_cores, cpu_usage_core_nano_seconds,"
            + " memory_working_set_bytes, cpu_request_milli_cores, cpu_limit_milli_cores, memory_request_bytes,"
            + " memory_limit_bytes";

    private static void truncate(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("TRUNCATE container_samples");
        }
        c.commit();
    }

    /** SampleWriter's own column list and types (its private factory, called reflectively). */
    private static UnnestInsert containerInsert() throws ReflectiveOperationException {
        Method m = SampleWriter.class.getDeclaredMethod("containerInsert");
        m.setAccessible(true);
        return (UnnestInsert) m.invoke(null);
    }

    /** The container rows exactly as SampleWriter.add makes them. */
    private static void addContainers(UnnestInsert containers, NodeScrape scrape) {
        for (PodSample pod : scrape.pods()) {
            Workload workload = Workload.of(pod);
            for (ContainerSample c : pod.containers()) {
                if (c.timestamp() == null) {
                    continue;
                }
                containers.add(pod.namespace(), pod.name(), c.name(), c.timestamp(), scrape.scrapeTime(),
                        scrape.nodeName(), workload.kind(), workload.name(), c.sidecar(), c.windowMillis(),
                        c.cpuNanoCores(), c.cpuUsageCoreNanoSeconds(), c.memoryWorkingSetBytes(),
                        c.cpuRequestMilliCores(), c.cpuLimitMilliCores(), c.memoryRequestBytes(),
                        c.memoryLimitBytes());
            }
        }
    }

    private static void csvContainers(StringBuilder out, NodeScrape scrape) {
        for (PodSample pod : scrape.pods()) {
            Workload workload = Workload.of(pod);
            for (ContainerSample c : pod.containers()) {
                if (c.timestamp() == null) {
                    continue;
                }
                Object[] row = {pod.namespace(), pod.name(), c.name(), c.timestamp(), scrape.scrapeTime(),
                        scrape.nodeName(), workload.kind(), workload.name(), c.sidecar(), c.windowMillis(),
                        c.cpuNanoCores(), c.cpuUsageCoreNanoSeconds(), c.memoryWorkingSetBytes(),
                        c.cpuRequestMilliCores(), c.cpuLimitMilliCores(), c.memoryRequestBytes(),
                        c.memoryLimitBytes()};
                for (int i = 0; i < row.length; i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    if (row[i] != null) {
                        out.append(row[i]); // names here contain no comma or quote
                    }
                }
                out.append('\n');
            }
        }
    }

    private static String migration() throws Exception {
        try (InputStream in = SampleWriter.class.getResourceAsStream("/db/migration/V1__samples_rollups_decisions.sql")) {
            if (in == null) {
                throw new IllegalStateException("history-service jar has no db/migration/V1 script");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
