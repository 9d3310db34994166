package dev.scalebus.history.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.scalebus.events.EventJson;
import dev.scalebus.history.HistoryConfig;
import dev.scalebus.history.auth.Reads;
import dev.scalebus.history.store.Decision;
import dev.scalebus.history.store.DecisionRepository;
import dev.scalebus.history.store.StoreException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Scaling decisions, each as the full event the autoscaler published, in (time, id) order. */
@Path("/api/v1/decisions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "decisions")
public class DecisionResource {

    private final DecisionRepository decisions;
    private final SampleQueries samples;
    private final QueryRules rules;
    private final Clock clock;

    public DecisionResource(DecisionRepository decisions, SampleQueries samples, HistoryConfig config, Clock clock) {
        this.decisions = decisions;
        this.samples = samples;
        this.rules = new QueryRules(config);
        this.clock = clock;
    }

    @GET
    @Reads(resource = Reads.DECISIONS)
    @Operation(summary = "Decisions by namespace, autoscaler, target and time; without a namespace, of every "
            + "namespace (needs the cluster-wide grant)")
    public Page<JsonNode> list(@QueryParam("namespace") String namespace, @QueryParam("autoscaler") String autoscaler,
            @QueryParam("targetKind") String targetKind, @QueryParam("targetName") String targetName,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("limit") String limit,
            @QueryParam("continue") String token) {
        Names.namespace(namespace);
        Names.name("autoscaler", autoscaler);
        Names.kind("targetKind", targetKind);
        Names.name("targetName", targetName);
        TimeRange range = rules.range(from, to, clock.instant());
        int size = rules.limit(limit);
        PageToken after = rules.after(token, range);
        if (namespace != null && !samples.knowsNamespace(namespace)) {
            throw new InvalidRequestException("namespace", "unknown namespace '" + namespace + "'");
        }
        if (autoscaler != null && namespace == null) {
            throw new InvalidRequestException("namespace", "required with autoscaler (autoscalers are namespaced)");
        }
        List<Decision> found = decisions.page(new DecisionRepository.Filter(namespace, autoscaler, targetKind,
                targetName, range.from(), range.to()), after == null ? null : after.time(),
                after == null ? null : after.key(), size + 1);
        String next = null;
        if (found.size() > size) {
            found = found.subList(0, size);
            Decision last = found.get(size - 1);
            next = new PageToken(last.time, last.id).encode();
        }
        return new Page<>(null, range.from(), range.to(), found.stream().map(DecisionResource::record).toList(), next);
    }

    @GET
    @Path("/{id}")
    @Reads(resource = Reads.DECISIONS, verb = "get")
    @Operation(summary = "One decision by id; with namespace, only a decision of that namespace (a user allowed "
            + "to read one namespace gives it; without, the cluster-wide grant is needed)")
    public JsonNode get(@PathParam("id") String id, @QueryParam("namespace") String namespace) {
        Names.name("id", id);
        Names.namespace(namespace);
        Decision d = decisions.findById(id);
        if (d == null || namespace != null && !namespace.equals(d.namespace)) {
            throw new NotFoundException("no decision " + id);
        }
        return record(d);
    }

    private static JsonNode record(Decision d) {
        try {
            return EventJson.mapper().readTree(d.record);
        } catch (JsonProcessingException e) {
            throw new StoreException("decision " + d.id + " has an unreadable record", e);
        }
    }
}
