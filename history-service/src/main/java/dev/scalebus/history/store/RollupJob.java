package dev.scalebus.history.store;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.OptionalInt;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Computes 1m and 1h rollups of closed buckets from the raw tables. Each run recomputes every bucket in
 * [from, to) and upserts it, so running twice, or after late samples arrived, gives the same rows as the raw data.
 * p95 is percentile_cont(0.95), linear interpolation between the two nearest samples.
 */
@ApplicationScoped
public class RollupJob {

    private static final Logger LOG = Logger.getLogger(RollupJob.class);

    private static final String STATS = """
            count(*),
            avg(%1$scpu_nano_cores), max(%1$scpu_nano_cores),
            percentile_cont(0.95) WITHIN GROUP (ORDER BY %1$scpu_nano_cores),
            avg(%1$smemory_working_set_bytes), max(%1$smemory_working_set_bytes),
            percentile_cont(0.95) WITHIN GROUP (ORDER BY %1$smemory_working_set_bytes)""";

    private static final String STATS_UPDATE = """
            samples = EXCLUDED.samples,
            cpu_avg_nano_cores = EXCLUDED.cpu_avg_nano_cores, cpu_max_nano_cores = EXCLUDED.cpu_max_nano_cores,
            cpu_p95_nano_cores = EXCLUDED.cpu_p95_nano_cores, memory_avg_bytes = EXCLUDED.memory_avg_bytes,
            memory_max_bytes = EXCLUDED.memory_max_bytes, memory_p95_bytes = EXCLUDED.memory_p95_bytes,
            cpu_request_milli_cores = EXCLUDED.cpu_request_milli_cores,
            memory_request_bytes = EXCLUDED.memory_request_bytes""";

    private static final String STATS_COLUMNS = """
            samples, cpu_avg_nano_cores, cpu_max_nano_cores, cpu_p95_nano_cores,
            memory_avg_bytes, memory_max_bytes, memory_p95_bytes, cpu_request_milli_cores, memory_request_bytes""";

    static final String CONTAINER = """
            INSERT INTO container_rollups (step, bucket, namespace, pod, container, workload_kind, workload_name, %s)
            SELECT ?, date_trunc(?, sample_time, 'UTC') AS b, namespace, pod, container,
                   max(workload_kind), max(workload_name), %s,
                   max(cpu_request_milli_cores), max(memory_request_bytes)
            FROM container_samples WHERE sample_time >= ? AND sample_time < ?
            GROUP BY b, namespace, pod, container
            ON CONFLICT (step, namespace, pod, container, bucket) DO UPDATE SET %s, workload_kind = EXCLUDED.workload_kind,
                workload_name = EXCLUDED.workload_name"""
            .formatted(STATS_COLUMNS, STATS.formatted(""), STATS_UPDATE);

    static final String POD = """
            INSERT INTO pod_rollups (step, bucket, namespace, pod, workload_kind, workload_name, labels, %s)
            SELECT ?, date_trunc(?, sample_time, 'UTC') AS b, namespace, pod, max(workload_kind), max(workload_name),
                   (array_agg(labels ORDER BY sample_time DESC))[1], %s,
                   max(cpu_request_milli_cores), max(memory_request_bytes)
            FROM pod_samples WHERE sample_time >= ? AND sample_time < ?
            GROUP BY b, namespace, pod
            ON CONFLICT (step, namespace, pod, bucket) DO UPDATE SET %s, workload_kind = EXCLUDED.workload_kind,
                workload_name = EXCLUDED.workload_name, labels = EXCLUDED.labels"""
            .formatted(STATS_COLUMNS, STATS.formatted(""), STATS_UPDATE);

    static final String WORKLOAD = """
            INSERT INTO workload_rollups (step, bucket, namespace, workload_kind, workload_name, pods, %s)
            SELECT ?, date_trunc(?, sample_time, 'UTC') AS b, namespace, workload_kind, workload_name,
                   count(DISTINCT pod), %s,
                   avg(cpu_request_milli_cores), avg(memory_request_bytes)
            FROM pod_samples WHERE sample_time >= ? AND sample_time < ?
            GROUP BY b, namespace, workload_kind, workload_name
            ON CONFLICT (step, namespace, workload_kind, workload_name, bucket) DO UPDATE SET %s, pods = EXCLUDED.pods"""
            .formatted(STATS_COLUMNS, STATS.formatted(""), STATS_UPDATE);

    /** Advisory lock keys of the jobs, one per job, shared by every replica on the same database. */
    static final long MINUTE_LOCK = 0x5CA1EB05_0001L;
    static final long HOUR_LOCK = 0x5CA1EB05_0002L;

    private final AgroalDataSource dataSource;

    public RollupJob(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Rolls up every bucket of the step that starts in [from, to) (both floored to the step); returns rows written.
     * Waits while another replica (or call) runs the same step's rollup.
     */
    public int rollUp(Step step, Instant from, Instant to) {
        return rollUp(step, from, to, false).orElseThrow();
    }

    /**
     * As {@link #rollUp}, but skips (empty) when another replica runs the same step's rollup right now: the
     * scheduled job runs on every replica, and one run per step and period is enough (each recomputes the whole
     * lookback, so a skipped run loses nothing).
     */
    public OptionalInt rollUpUnlessRunning(Step step, Instant from, Instant to) {
        return rollUp(step, from, to, true);
    }

    private OptionalInt rollUp(Step step, Instant from, Instant to, boolean skipIfRunning) {
        if (step == Step.RAW) {
            throw new IllegalArgumentException("raw samples are not rolled up");
        }
        Instant start = step.floor(from);
        Instant end = step.floor(to);
        if (!start.isBefore(end)) {
            return OptionalInt.of(0);
        }
        OptionalInt rows = QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                if (!lock(c, step == Step.MINUTE ? MINUTE_LOCK : HOUR_LOCK, skipIfRunning)) {
                    return OptionalInt.empty();
                }
                if (skipIfRunning && !claim(c, step)) {
                    return OptionalInt.empty();
                }
                return OptionalInt.of(run(c, CONTAINER, step, start, end) + run(c, POD, step, start, end)
                        + run(c, WORKLOAD, step, start, end));
            }
        });
        if (rows.isPresent()) {
            LOG.debugf("rolled up %s buckets [%s, %s): %d rows", step.label(), start, end, rows.getAsInt());
        } else {
            LOG.debugf("%s rollup skipped: another replica is running it", step.label());
        }
        return rows;
    }

    /**
     * Claims this period's scheduled run of a step: false when another replica started one less than half a period
     * ago (the lock alone only keeps runs from overlapping; replicas whose schedules are a few seconds apart would
     * still each run it once per period). Periods as scheduled in {@code Housekeeping}: 1m rollups every minute,
     * 1h rollups every 30 minutes.
     */
    static boolean claim(Connection c, Step step) throws SQLException {
        long minGapSeconds = step == Step.MINUTE ? 30 : 15 * 60;
        String sql = "INSERT INTO rollup_runs (step, started_at) VALUES (?, now()) ON CONFLICT (step) DO UPDATE"
                + " SET started_at = now() WHERE rollup_runs.started_at < now() - make_interval(secs => ?)"
                + " RETURNING step";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, step.label());
            ps.setLong(2, minGapSeconds);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Takes the transaction-scoped advisory lock of a job (released at commit or rollback, also when the
     * connection dies); with {@code tryOnly}, answers false at once when another session holds it.
     */
    static boolean lock(Connection c, long key, boolean tryOnly) throws SQLException {
        String sql = tryOnly ? "SELECT pg_try_advisory_xact_lock(?)" : "SELECT pg_advisory_xact_lock(?) IS NULL";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return tryOnly ? rs.getBoolean(1) : true;
            }
        }
    }

    private static int run(Connection c, String sql, Step step, Instant from, Instant to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, step.label());
            ps.setString(2, step.truncUnit());
            ps.setObject(3, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            ps.setObject(4, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
            return ps.executeUpdate();
        }
    }

    /** Deletes rollups of buckets older than cutoff; returns rows deleted. */
    public int deleteOlderThan(Instant cutoff) {
        return QuarkusTransaction.requiringNew().call(() -> {
            int rows = 0;
            try (Connection c = dataSource.getConnection()) {
                for (String table : new String[] {"container_rollups", "pod_rollups", "workload_rollups"}) {
                    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE bucket < ?")) {
                        ps.setObject(1, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
                        rows += ps.executeUpdate();
                    }
                }
            }
            if (rows > 0) {
                LOG.infof("retention deleted %d rollup rows older than %s", rows, cutoff);
            }
            return rows;
        });
    }
}
