package dev.scalebus.history.api;

import dev.scalebus.history.store.Step;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The SQL of the sample endpoints. Every query yields a {@code time} and a {@code key} column (the series within
 * the answer: container, pod or workload name) and is paged by keyset on (time, key).
 */
@ApplicationScoped
public class SampleQueries {

    private static final String STATS = """
            count(*) AS samples,
            avg(cpu_nano_cores) AS cpu_avg_nano_cores, max(cpu_nano_cores) AS cpu_max_nano_cores,
            percentile_cont(0.95) WITHIN GROUP (ORDER BY cpu_nano_cores) AS cpu_p95_nano_cores,
            avg(memory_working_set_bytes) AS memory_avg_bytes, max(memory_working_set_bytes) AS memory_max_bytes,
            percentile_cont(0.95) WITHIN GROUP (ORDER BY memory_working_set_bytes) AS memory_p95_bytes""";

    private static final String ROLLUP_COLUMNS = """
            samples, cpu_avg_nano_cores, cpu_max_nano_cores, cpu_p95_nano_cores, memory_avg_bytes, memory_max_bytes,
            memory_p95_bytes, cpu_request_milli_cores, memory_request_bytes""";

    private static final String POD_RAW_COLUMNS = """
            sample_time AS time, pod AS key, namespace, pod, node, workload_kind, workload_name, phase, ready,
            cpu_nano_cores, memory_working_set_bytes, cpu_request_milli_cores, memory_request_bytes, labels""";

    private final Rows rows;

    public SampleQueries(Rows rows) {
        this.rows = rows;
    }

    /** A query before paging: its SQL with a time range and its parameters. */
    record Query(String sql, List<Object> params) {
    }

    public List<Map<String, Object>> node(String node, Step step, TimeRange r, PageToken after, int limit) {
        if (step == Step.RAW) {
            return page(new Query("""
                    SELECT sample_time AS time, node AS key, node, window_millis, cpu_nano_cores,
                           memory_working_set_bytes, memory_usage_bytes, memory_rss_bytes, network_rx_bytes,
                           network_tx_bytes, fs_used_bytes, fs_capacity_bytes
                    FROM node_samples WHERE node = ? AND sample_time >= ? AND sample_time < ?""",
                    List.of(node, r.from(), r.to())), after, limit);
        }
        // node samples have no rollup table: aggregated on the fly from the raw samples (kept 7 days)
        return page(new Query("SELECT date_trunc('" + unit(step) + "', sample_time, 'UTC') AS time, node AS key, node, "
                + STATS + " FROM node_samples WHERE node = ? AND sample_time >= ? AND sample_time < ? GROUP BY 1, 2, 3",
                List.of(node, r.from(), r.to())), after, limit);
    }

    public List<Map<String, Object>> pod(String ns, String pod, Step step, TimeRange r, PageToken after, int limit) {
        if (step == Step.RAW) {
            return page(new Query("SELECT " + POD_RAW_COLUMNS + "\n" + """
                     FROM pod_samples WHERE namespace = ? AND pod = ? AND sample_time >= ? AND sample_time < ?""",
                    List.of(ns, pod, r.from(), r.to())), after, limit);
        }
        return page(new Query("SELECT bucket AS time, pod AS key, namespace, pod, workload_kind, workload_name, "
                + ROLLUP_COLUMNS + "\n" + """
                 FROM pod_rollups WHERE step = ? AND namespace = ? AND pod = ? AND bucket >= ? AND bucket < ?""",
                List.of(step.label(), ns, pod, r.from(), r.to())), after, limit);
    }

    public List<Map<String, Object>> container(String ns, String pod, String container, Step step, TimeRange r,
            PageToken after, int limit) {
        if (step == Step.RAW) {
            return page(new Query("""
                    SELECT sample_time AS time, container AS key, namespace, pod, container, node, workload_kind,
                           workload_name, sidecar, window_millis, cpu_nano_cores, cpu_usage_core_nano_seconds,
                           memory_working_set_bytes, cpu_request_milli_cores, cpu_limit_milli_cores,
                           memory_request_bytes, memory_limit_bytes
                    FROM container_samples
                    WHERE namespace = ? AND pod = ? AND container = ? AND sample_time >= ? AND sample_time < ?""",
                    List.of(ns, pod, container, r.from(), r.to())), after, limit);
        }
        return page(new Query("SELECT bucket AS time, container AS key, namespace, pod, container, workload_kind, "
                + "workload_name, " + ROLLUP_COLUMNS + "\n" + """
                 FROM container_rollups
                WHERE step = ? AND namespace = ? AND pod = ? AND container = ? AND bucket >= ? AND bucket < ?""",
                List.of(step.label(), ns, pod, container, r.from(), r.to())), after, limit);
    }

    /** Raw: the samples of every pod of the workload; rollups: the workload's own rollup. */
    public List<Map<String, Object>> workload(String ns, String kind, String name, Step step, TimeRange r,
            PageToken after, int limit) {
        if (step == Step.RAW) {
            return page(new Query("SELECT " + POD_RAW_COLUMNS + "\n" + """
                     FROM pod_samples WHERE namespace = ? AND workload_kind = ? AND workload_name = ?
                      AND sample_time >= ? AND sample_time < ?""",
                    List.of(ns, kind, name, r.from(), r.to())), after, limit);
        }
        return page(new Query("SELECT bucket AS time, workload_name AS key, namespace, workload_kind, workload_name, "
                + "pods, " + ROLLUP_COLUMNS + "\n" + """
                 FROM workload_rollups WHERE step = ? AND namespace = ? AND workload_kind = ? AND workload_name = ?
                  AND bucket >= ? AND bucket < ?""",
                List.of(step.label(), ns, kind, name, r.from(), r.to())), after, limit);
    }

    /** The pods whose labels contain the selector's, per pod. */
    public List<Map<String, Object>> selected(String ns, String labelsJson, Step step, TimeRange r, PageToken after,
            int limit) {
        if (step == Step.RAW) {
            return page(new Query("SELECT " + POD_RAW_COLUMNS + "\n" + """
                     FROM pod_samples WHERE namespace = ? AND labels @> CAST(? AS jsonb)
                      AND sample_time >= ? AND sample_time < ?""",
                    List.of(ns, labelsJson, r.from(), r.to())), after, limit);
        }
        return page(new Query("SELECT bucket AS time, pod AS key, namespace, pod, workload_kind, workload_name, labels, "
                + ROLLUP_COLUMNS + "\n" + """
                 FROM pod_rollups WHERE step = ? AND namespace = ? AND labels @> CAST(? AS jsonb)
                  AND bucket >= ? AND bucket < ?""",
                List.of(step.label(), ns, labelsJson, r.from(), r.to())), after, limit);
    }

    /** Whether anything was ever recorded in the namespace. */
    public boolean knowsNamespace(String ns) {
        return rows.exists("""
                SELECT 1 WHERE EXISTS (SELECT 1 FROM pod_samples WHERE namespace = ?)
                   OR EXISTS (SELECT 1 FROM workload_rollups WHERE step = '1h' AND namespace = ?)
                   OR EXISTS (SELECT 1 FROM decisions WHERE namespace = ?)""", List.of(ns, ns, ns));
    }

    /** One page: limit + 1 rows are read to know whether there is a next page. */
    private List<Map<String, Object>> page(Query q, PageToken after, int limit) {
        List<Object> params = new ArrayList<>(q.params());
        StringBuilder sql = new StringBuilder("SELECT * FROM (").append(q.sql()).append(") q");
        if (after != null) {
            sql.append(" WHERE (time, key) > (?, ?)");
            params.add(after.time());
            params.add(after.key());
        }
        sql.append(" ORDER BY time, key LIMIT ?");
        params.add(limit + 1);
        return rows.query(sql.toString(), params);
    }

    /** Turns limit + 1 rows into a page with a continue token when the extra row exists. */
    public static Page<Map<String, Object>> toPage(Step step, TimeRange r, List<Map<String, Object>> found, int limit) {
        if (found.size() <= limit) {
            return new Page<>(step.label(), r.from(), r.to(), found, null);
        }
        List<Map<String, Object>> items = found.subList(0, limit);
        Map<String, Object> last = items.get(limit - 1);
        String token = new PageToken((Instant) last.get("time"), (String) last.get("key")).encode();
        return new Page<>(step.label(), r.from(), r.to(), List.copyOf(items), token);
    }

    private static String unit(Step step) {
        return step == Step.HOUR ? "hour" : "minute";
    }
}
