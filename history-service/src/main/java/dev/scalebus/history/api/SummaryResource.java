package dev.scalebus.history.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.scalebus.history.HistoryConfig;
import dev.scalebus.history.auth.Reads;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Summaries over a window [from, to) (default: the last hour), optionally of one namespace (without: every
 * namespace, which needs the cluster-wide grant). Every answer is bounded: top-pods by n, the others by limit
 * (default and maximum as the pages'), with {@code truncated} true when rows were left out.
 */
@Path("/api/v1/summaries")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "summaries")
public class SummaryResource {

    private final Rows rows;
    private final SampleQueries samples;
    private final QueryRules rules;
    private final Clock clock;

    public SummaryResource(Rows rows, SampleQueries samples, HistoryConfig config, Clock clock) {
        this.rows = rows;
        this.samples = samples;
        this.rules = new QueryRules(config);
        this.clock = clock;
    }

    /** A summary answer: the window, the rows and, for limited summaries, whether rows were left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Summary(TimeRange window, List<Map<String, Object>> items, Boolean truncated) {

        /** limit + 1 rows were asked for: the extra one only says that there are more. */
        static Summary limited(TimeRange window, List<Map<String, Object>> rows, int limit) {
            return rows.size() > limit ? new Summary(window, List.copyOf(rows.subList(0, limit)), true)
                    : new Summary(window, rows, false);
        }
    }

    @GET
    @Path("/top-pods")
    @Reads(resource = Reads.SAMPLES)
    @Operation(summary = "Top N pods by average cpu or memory in the window")
    public Summary topPods(@QueryParam("namespace") String namespace, @QueryParam("by") String by,
            @QueryParam("n") String n, @QueryParam("from") String from, @QueryParam("to") String to) {
        TimeRange w = rules.range(from, to, clock.instant());
        int top = rules.top(n);
        String order = switch (by == null || by.isBlank() ? "cpu" : by) {
            case "cpu" -> "cpu_avg_nano_cores";
            case "memory" -> "memory_avg_bytes";
            default -> throw new InvalidRequestException("by", "unknown '" + by + "'; want cpu or memory");
        };
        List<Object> params = new ArrayList<>(List.of(w.from(), w.to()));
        String filter = namespaceFilter(namespace, params);
        params.add(top);
        return new Summary(w, rows.query("""
                SELECT namespace, pod, workload_kind, workload_name, count(*) AS samples,
                       avg(cpu_nano_cores) AS cpu_avg_nano_cores, max(cpu_nano_cores) AS cpu_max_nano_cores,
                       avg(memory_working_set_bytes) AS memory_avg_bytes,
                       max(memory_working_set_bytes) AS memory_max_bytes
                FROM pod_samples WHERE sample_time >= ? AND sample_time < ?""" + filter + "\n" + """
                 GROUP BY namespace, pod, workload_kind, workload_name
                ORDER BY %s DESC NULLS LAST, namespace, pod LIMIT ?""".formatted(order), params), null);
    }

    @GET
    @Path("/rescales")
    @Reads(resource = Reads.SAMPLES)
    @Operation(summary = "Per autoscaler: decisions, rescales (replicas written and changed) in the window")
    public Summary rescales(@QueryParam("namespace") String namespace, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("limit") String limit) {
        TimeRange w = rules.range(from, to, clock.instant());
        int size = rules.limit(limit);
        List<Object> params = new ArrayList<>(List.of(w.from(), w.to()));
        String filter = namespaceFilter(namespace, params);
        params.add(size + 1);
        return Summary.limited(w, rows.query("""
                SELECT namespace, autoscaler, count(*) AS decisions,
                       count(*) FILTER (WHERE applied_replicas IS NOT NULL
                                          AND applied_replicas <> current_replicas) AS rescales,
                       count(*) FILTER (WHERE desired_replicas > current_replicas) AS scale_ups,
                       count(*) FILTER (WHERE desired_replicas < current_replicas) AS scale_downs,
                       max(decision_time) AS last_decision_time
                FROM decisions WHERE decision_time >= ? AND decision_time < ?""" + filter + "\n" + """
                 GROUP BY namespace, autoscaler ORDER BY rescales DESC, namespace, autoscaler
                LIMIT ?""", params), size);
    }

    @GET
    @Path("/usage-vs-requests")
    @Reads(resource = Reads.SAMPLES)
    @Operation(summary = "Per workload: average pod usage against requests, utilization as the HPA computes it "
            + "(sum of usage over sum of requests)")
    public Summary usageVsRequests(@QueryParam("namespace") String namespace, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("limit") String limit) {
        TimeRange w = rules.range(from, to, clock.instant());
        int size = rules.limit(limit);
        List<Object> params = new ArrayList<>(List.of(w.from(), w.to()));
        String filter = namespaceFilter(namespace, params);
        params.add(size + 1);
        return Summary.limited(w, rows.query("""
                SELECT namespace, workload_kind, workload_name, count(DISTINCT pod) AS pods, count(*) AS samples,
                       avg(cpu_nano_cores) AS cpu_avg_nano_cores,
                       avg(cpu_request_milli_cores) AS cpu_request_milli_cores,
                       100.0 * sum(cpu_nano_cores) FILTER (WHERE cpu_request_milli_cores > 0)
                         / nullif(sum(cpu_request_milli_cores * 1000000.0) FILTER (WHERE cpu_nano_cores IS NOT NULL), 0)
                         AS cpu_utilization_percent,
                       avg(memory_working_set_bytes) AS memory_avg_bytes,
                       avg(memory_request_bytes) AS memory_request_bytes,
                       100.0 * sum(memory_working_set_bytes) FILTER (WHERE memory_request_bytes > 0)
                         / nullif(sum(memory_request_bytes::numeric) FILTER (WHERE memory_working_set_bytes IS NOT NULL), 0)
                         AS memory_utilization_percent
                FROM pod_samples WHERE sample_time >= ? AND sample_time < ?""" + filter + "\n" + """
                 GROUP BY namespace, workload_kind, workload_name ORDER BY namespace, workload_kind, workload_name
                LIMIT ?""", params), size);
    }

    private String namespaceFilter(String namespace, List<Object> params) {
        if (namespace == null) {
            return "";
        }
        Names.namespace(namespace);
        if (!samples.knowsNamespace(namespace)) {
            throw new InvalidRequestException("namespace", "unknown namespace '" + namespace + "'");
        }
        params.add(namespace);
        return " AND namespace = ?";
    }
}
