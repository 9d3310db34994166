package dev.scalebus.bench;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;

/**
 * History query latency: 24 h of one pod at 1-minute step, as {@code GET /api/v1/history/…/pods/{pod}?step=1m}
 * reads it — the history service's pod-rollup SQL and keyset paging ({@code SampleQueries.pod} + {@code page},
 * copied here because they need CDI), with its largest page (1,000): 1,440 buckets = two round trips. The rollup
 * table holds 24 h of {@code pods} pods (1,440 rows each) in a schema of its own (history's V1 migration), dropped
 * afterwards. Prints {@code RESULT history.query24h1mP50Millis} and {@code …P99Millis}.
 *
 * <p>Args: pods queries
 */
public final class HistoryQueryBench {

    /** SampleQueries.pod at a rollup step, wrapped by SampleQueries.page (keyset on time, key). */
    private static final String FIRST_PAGE = "SELECT * FROM (SELECT bucket AS time, pod AS key, namespace, pod,"
            + " workload_kind, workload_name, samples, cpu_avg_nano_cores, cpu_max_nano_cores, cpu_p95_nano_cores,"
            + " memory_avg_bytes, memory_max_bytes, memory_p95_bytes, cpu_request_milli_cores, memory_request_bytes"
            + " FROM pod_rollups WHERE step = ? AND namespace = ? AND pod = ? AND bucket >= ? AND bucket < ?) q";
    private static final String NEXT_PAGE = FIRST_PAGE + " WHERE (time, key) > (?, ?)";
    private static final int MAX_LIMIT = 1000;

    public static void main(String[] args) throws Exception {
        int pods = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int queries = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        String url = System.getenv().getOrDefault("SCALEBUS_DB_URL",
                "jdbc:postgresql://127.0.0.1:5432/scalebus_test");
        String schema = "bench_" + UUID.randomUUID().toString().substring(0, 8);
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        Instant to = from.plusSeconds(86_400);
        try (Connection c = DriverManager.getConnection(url, "scalebus", "scalebus")) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
                s.execute("SET search_path TO " + schema);
                s.execute(migration());
                s.execute("INSERT INTO pod_rollups SELECT '1m', b, 'bench', 'web-' || p, 'Deployment', 'web', "
                        + "'{\"app\":\"web\"}', 4, 1e8 + p, 2e8, 1.5e8, 3e7, 31000000, 3.1e7, 200, 268435456 "
                        + "FROM generate_series(1, " + pods + ") p, generate_series(timestamptz '" + from
                        + "', timestamptz '" + to + "' - interval '1 minute', interval '1 minute') b");
                s.execute("ANALYZE pod_rollups");
            }
            double[] millis = new double[queries];
            int rows = 0;
            for (int q = -Math.min(20, queries); q < queries; q++) { // the first 20 warm caches and JIT
                long t0 = System.nanoTime();
                rows = fetch(c, "web-" + (1 + Math.floorMod(q * 7919, pods)), from, to);
                if (q >= 0) {
                    millis[q] = (System.nanoTime() - t0) / 1e6;
                }
            }
            if (rows != 1440) {
                throw new IllegalStateException("24 h at 1 m should be 1440 buckets, read " + rows);
            }
            Arrays.sort(millis);
            System.out.printf(Locale.ROOT, "history query: 24 h of one pod at 1 m (%d rows, 2 pages) among %d pods:"
                    + " p50 %.2f ms, p99 %.2f ms over %d queries%n", rows, pods, pct(millis, 50), pct(millis, 99),
                    queries);
            System.out.printf(Locale.ROOT, "RESULT history.queryPods %d%n", pods);
            System.out.printf(Locale.ROOT, "RESULT history.query24h1mP50Millis %.2f%n", pct(millis, 50));
            System.out.printf(Locale.ROOT, "RESULT history.query24h1mP99Millis %.2f%n", pct(millis, 99));
        } finally {
            try (Connection c = DriverManager.getConnection(url, "scalebus", "scalebus");
                    Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    /** Reads every page like a client following the keyset token; returns the rows read. */
    private static int fetch(Connection c, String pod, Instant from, Instant to) throws Exception {
        int total = 0;
        Timestamp lastTime = null;
        String lastKey = null;
        while (true) {
            try (PreparedStatement ps = c.prepareStatement((lastTime == null ? FIRST_PAGE : NEXT_PAGE)
                    + " ORDER BY time, key LIMIT ?")) {
                int i = 1;
                ps.setString(i++, "1m");
                ps.setString(i++, "bench");
                ps.setString(i++, pod);
                ps.setTimestamp(i++, Timestamp.from(from));
                ps.setTimestamp(i++, Timestamp.from(to));
                if (lastTime != null) {
                    ps.setTimestamp(i++, lastTime);
                    ps.setString(i++, lastKey);
                }
                ps.setInt(i, MAX_LIMIT + 1);
                int page = 0;
                boolean more = false;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (page == MAX_LIMIT) {
                            more = true; // the limit + 1st row: there is a next page
                            break;
                        }
                        page++;
                        lastTime = rs.getTimestamp("time");
                        lastKey = rs.getString("key");
                        rs.getDouble("cpu_avg_nano_cores");
                        rs.getLong("memory_max_bytes");
                    }
                }
                total += page;
                if (!more) {
                    return total;
                }
            }
        }
    }

    private static double pct(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static String migration() throws Exception {
        try (InputStream in = HistoryQueryBench.class.getResourceAsStream(
                "/db/migration/V1__samples_rollups_decisions.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
