package dev.scalebus.history.api;

import dev.scalebus.events.EventJson;
import dev.scalebus.history.HistoryConfig;
import dev.scalebus.history.auth.Reads;
import dev.scalebus.history.store.Step;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Usage samples over [from, to) at a step: raw samples, or 1m / 1h rollups (avg, max, p95). Without a step the
 * finest one allowed for the range is used. Paged: pass the answer's {@code continue} back for the next page.
 */
@Path("/api/v1/samples")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "samples")
public class SampleResource {

    private final SampleQueries queries;
    private final QueryRules rules;
    private final Clock clock;

    public SampleResource(SampleQueries queries, HistoryConfig config, Clock clock) {
        this.queries = queries;
        this.rules = new QueryRules(config);
        this.clock = clock;
    }

    /** The parameters every sample query shares. */
    record Common(TimeRange range, Step step, int limit, PageToken after) {
    }

    private Common common(String from, String to, String step, String limit, String token) {
        TimeRange range = rules.range(from, to, clock.instant());
        return new Common(range, rules.step(step, range), rules.limit(limit), rules.after(token, range));
    }

    private Page<Map<String, Object>> page(Common c, List<Map<String, Object>> rows) {
        return SampleQueries.toPage(c.step(), c.range(), rows, c.limit());
    }

    private void knownNamespace(String namespace) {
        Names.namespace(namespace);
        if (!queries.knowsNamespace(namespace)) {
            throw new InvalidRequestException("namespace", "unknown namespace '" + namespace + "'");
        }
    }

    @GET
    @Path("/nodes/{node}")
    @Reads(resource = Reads.SAMPLES)
    @Operation(summary = "Samples of a node (nodes have no namespace: needs the cluster-wide grant)")
    public Page<Map<String, Object>> node(@PathParam("node") String node,
            @Parameter(description = "RFC 3339, inclusive; default to minus 1h") @QueryParam("from") String from,
            @Parameter(description = "RFC 3339, exclusive; default now") @QueryParam("to") String to,
            @Parameter(description = "raw, 1m or 1h; default: the finest allowed for the range") @QueryParam("step") String step,
            @Parameter(description = "page size, 1 to the maximum (default 100, max 1000)") @QueryParam("limit") String limit,
            @Parameter(description = "continue token of the previous page") @QueryParam("continue") String token) {
        Names.name("node", node);
        Common c = common(from, to, step, limit, token);
        return page(c, queries.node(node, c.step(), c.range(), c.after(), c.limit()));
    }

    @GET
    @Path("/namespaces/{namespace}/pods/{pod}")
    @Reads(resource = Reads.SAMPLES)
    @Operation(summary = "Samples of a pod (its containers summed)")
    public Page<Map<String, Object>> pod(@PathParam("namespace") String namespace, @PathParam("pod") String pod,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("step") String step,
            @QueryParam("limit") String limit, @QueryParam("continue") String token) {
        Names.name("pod", pod);
        Common c = common(from, to, step, limit, token);
        knownNamespace(namespace);
        return page(c, queries.pod(namespace, pod, c.step(), c.range(), c.after(), c.limit()));
    }

    @GET
    @Path("/namespaces/{namespace}/pods/{pod}/containers/{container}")
    @Reads(resource = Reads.SAMPLES)
    @Operation(summary = "Samples of a container")
    public Page<Map<String, Object>> container(@PathParam("namespace") String namespace, @PathParam("pod") String pod,
            @PathParam("container") String container, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("step") String step, @QueryParam("limit") String limit, @QueryParam("continue") String token) {
        Names.name("pod", pod);
        Names.name("container", container);
        Common c = common(from, to, step, limit, token);
        knownNamespace(namespace);
        return page(c, queries.container(namespace, pod, container, c.step(), c.range(), c.after(), c.limit()));
    }

    @GET
    @Path("/namespaces/{namespace}/workloads/{kind}/{name}")
    @Reads(resource = Reads.SAMPLES)
    @Operation(summary = "Samples of a workload (owner kind and name; a ReplicaSet's pods count for its Deployment)")
    public Page<Map<String, Object>> workload(@PathParam("namespace") String namespace,
            @PathParam("kind") String kind, @PathParam("name") String name, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("step") String step, @QueryParam("limit") String limit,
            @QueryParam("continue") String token) {
        Names.kind("kind", kind);
        Names.name("name", name);
        Common c = common(from, to, step, limit, token);
        knownNamespace(namespace);
        return page(c, queries.workload(namespace, kind, name, c.step(), c.range(), c.after(), c.limit()));
    }

    @GET
    @Path("/namespaces/{namespace}/pods")
    @Reads(resource = Reads.SAMPLES)
    @Operation(summary = "Samples of the pods matching an equality label selector")
    public Page<Map<String, Object>> selected(@PathParam("namespace") String namespace,
            @Parameter(description = "e.g. app=web,tier=front", required = true) @QueryParam("labelSelector") String selector,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("step") String step,
            @QueryParam("limit") String limit, @QueryParam("continue") String token) {
        Common c = common(from, to, step, limit, token);
        String labels = EventJson.toJson(LabelSelector.parse(selector));
        knownNamespace(namespace);
        return page(c, queries.selected(namespace, labels, c.step(), c.range(), c.after(), c.limit()));
    }
}
