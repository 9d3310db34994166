package dev.scalebus.history.store;

import dev.scalebus.events.EventJson;
import dev.scalebus.events.ScalingDecision;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Stores and finds scaling decisions. */
@ApplicationScoped
public class DecisionRepository implements PanacheRepositoryBase<Decision, String> {

    /**
     * Inserts the decision unless one with its id exists (re-delivery); returns whether a row was inserted.
     * A native upsert rather than persist(): persist would fail the transaction on the duplicate key.
     */
    public boolean insertIfAbsent(ScalingDecision d) {
        int rows = getEntityManager().createNativeQuery("""
                INSERT INTO decisions (id, namespace, autoscaler, target_api_version, target_kind, target_name,
                    decision_time, current_replicas, desired_replicas, applied_replicas, reason, dry_run,
                    metrics, recommendation, conditions, record)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,
                    CAST(?13 AS jsonb), CAST(?14 AS jsonb), CAST(?15 AS jsonb), CAST(?16 AS jsonb))
                ON CONFLICT (id) DO NOTHING""")
                .setParameter(1, d.id())
                .setParameter(2, d.autoscaler().namespace())
                .setParameter(3, d.autoscaler().name())
                .setParameter(4, d.target().apiVersion())
                .setParameter(5, d.target().kind())
                .setParameter(6, d.target().name())
                .setParameter(7, OffsetDateTime.ofInstant(d.time(), ZoneOffset.UTC))
                .setParameter(8, d.currentReplicas())
                .setParameter(9, d.desiredReplicas())
                .setParameter(10, d.appliedReplicas())
                .setParameter(11, d.reason())
                .setParameter(12, d.dryRun())
                .setParameter(13, EventJson.toJson(d.metrics()))
                .setParameter(14, d.recommendation() == null ? null : EventJson.toJson(d.recommendation()))
                .setParameter(15, EventJson.toJson(d.conditions()))
                .setParameter(16, EventJson.toJson(d))
                .executeUpdate();
        return rows == 1;
    }

    /** Filters of a decision query; null means any. */
    public record Filter(String namespace, String autoscaler, String targetKind, String targetName, Instant from,
            Instant to) {
    }

    /**
     * One page of decisions in (time, id) order, after the position (afterTime, afterId) when given (keyset
     * pagination: stable while new decisions arrive).
     */
    public List<Decision> page(Filter f, Instant afterTime, String afterId, int limit) {
        List<String> where = new ArrayList<>();
        Parameters p = new Parameters();
        where.add("time >= :from and time < :to");
        p.and("from", f.from()).and("to", f.to());
        if (f.namespace() != null) {
            where.add("namespace = :namespace");
            p.and("namespace", f.namespace());
        }
        if (f.autoscaler() != null) {
            where.add("autoscaler = :autoscaler");
            p.and("autoscaler", f.autoscaler());
        }
        if (f.targetKind() != null) {
            where.add("targetKind = :targetKind");
            p.and("targetKind", f.targetKind());
        }
        if (f.targetName() != null) {
            where.add("targetName = :targetName");
            p.and("targetName", f.targetName());
        }
        if (afterTime != null) {
            where.add("(time > :afterTime or (time = :afterTime and id > :afterId))");
            p.and("afterTime", afterTime).and("afterId", afterId);
        }
        return find(String.join(" and ", where), Sort.by("time").and("id"), p).page(0, limit).list();
    }

    /** Whether any decision was recorded in the namespace. */
    public boolean knowsNamespace(String namespace) {
        return count("namespace", namespace) > 0;
    }
}
