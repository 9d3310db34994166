package dev.scalebus.autoscaler.controller;

import dev.scalebus.autoscaler.hpa.Condition;
import dev.scalebus.autoscaler.hpa.Evaluation;
import dev.scalebus.autoscaler.hpa.HpaStatus;
import dev.scalebus.autoscaler.hpa.MetricResult;
import dev.scalebus.autoscaler.hpa.MetricSpec;
import dev.scalebus.autoscaler.kube.AutoscalerObject;
import dev.scalebus.events.ScalingDecision;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Turns an evaluation into a {@link ScalingDecision} and decides whether it is worth publishing. */
final class DecisionFactory {

    private DecisionFactory() {
    }

    /**
     * Published when the desired count or a condition (type, status, reason) changed, or the target was scaled (a
     * dry run "scales" on every evaluation without writing, so that alone does not count).
     */
    static boolean changed(HpaStatus before, Evaluation.Result r, boolean dryRun) {
        if ((r.scaled() && !dryRun) || !Objects.equals(before.desiredReplicas(), r.status().desiredReplicas())) {
            return true;
        }
        return !key(before.conditions()).equals(key(r.conditions()));
    }

    private static List<String> key(List<Condition> cs) {
        return cs.stream().map(c -> c.type() + "/" + c.status() + "/" + c.reason()).toList();
    }

    static ScalingDecision decision(AutoscalerObject a, Evaluation.Result r, Instant now) {
        var spec = a.spec();
        var target = new ScalingDecision.CrossVersionObjectReference(spec.scaleTargetRef().apiVersion(),
                spec.scaleTargetRef().kind(), spec.scaleTargetRef().name());
        List<ScalingDecision.MetricEvaluation> metrics = r.metrics().stream().map(DecisionFactory::metric).toList();
        ScalingDecision.Recommendation rec = r.proposed() == null ? null
                : new ScalingDecision.Recommendation(r.proposed(), r.stabilized(), r.limited());
        List<ScalingDecision.Condition> conditions = r.conditions().stream().map(c -> new ScalingDecision.Condition(
                c.type(), c.status(), c.reason(), c.message(), c.lastTransitionTime())).toList();
        String reason = r.rescale() && r.rescaleReason() != null ? r.rescaleReason() : r.error() != null ? r.error()
                : r.conditions().stream().filter(c -> c.type().equals(Condition.SCALING_LIMITED)).map(Condition::reason)
                        .findFirst().orElse(null);
        Integer applied = r.scaled() && !a.dryRun() ? r.desiredReplicas() : null;
        // a failed write keeps status.desiredReplicas as it was (upstream); the decision says what was decided
        int desired = r.rescale() && !r.scaled() && r.limited() != null ? r.limited() : r.desiredReplicas();
        return new ScalingDecision(ScalingDecision.SCHEMA_VERSION, id(a, r, desired, applied),
                new ScalingDecision.ObjectReference(a.namespace(), a.name()), target, now, r.currentReplicas(),
                desired, applied, reason, metrics, rec, conditions, a.dryRun());
    }

    /**
     * A name-based (version 3) UUID of what identifies the decision, not of when it was evaluated: the autoscaler
     * (namespace/name, uid), its target, current/desired/applied replicas, dry run, and the status it leads to --
     * lastScaleTime and each condition's type/status/reason/lastTransitionTime, exactly as written to the
     * autoscaler's status and read back after a restart. Re-publishing the same decision (after a restart, or a
     * retried send) yields the same id, which history stores once (insert-if-absent by id); two real decisions
     * differ in one of these (a new scale has a new lastScaleTime, a condition flip a new transition time). The
     * evaluation time and metric values are left out on purpose: they differ between equal re-evaluations.
     */
    static String id(AutoscalerObject a, Evaluation.Result r, int desired, Integer applied) {
        var ref = a.spec().scaleTargetRef();
        StringBuilder b = new StringBuilder("scalebus-decision/v1|").append(a.namespace()).append('/')
                .append(a.name()).append('|').append(a.uid()).append('|').append(ref.apiVersion()).append('/')
                .append(ref.kind()).append('/').append(ref.name()).append('|').append(r.currentReplicas())
                .append("->").append(desired).append('|').append(applied).append('|').append(a.dryRun())
                .append('|').append(r.status().lastScaleTime());
        for (Condition c : r.conditions()) {
            b.append('|').append(c.type()).append('/').append(c.status()).append('/').append(c.reason()).append('@')
                    .append(c.lastTransitionTime());
        }
        return UUID.nameUUIDFromBytes(b.toString().getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static ScalingDecision.MetricEvaluation metric(MetricResult m) {
        MetricSpec s = m.spec();
        MetricSpec.MetricTarget t = switch (s.type() == null ? "" : s.type()) {
            case MetricSpec.RESOURCE -> s.resource().target();
            case MetricSpec.CONTAINER_RESOURCE -> s.containerResource().target();
            case MetricSpec.PODS -> s.pods().target();
            case MetricSpec.OBJECT -> s.object().target();
            case MetricSpec.EXTERNAL -> s.external().target();
            default -> null;
        };
        ScalingDecision.MetricTarget target = t == null || t.type() == null ? null
                : new ScalingDecision.MetricTarget(t.type(), t.averageUtilization(), str(t.averageValue()),
                        str(t.value()));
        ScalingDecision.MetricValue current = m.current() == null ? null : new ScalingDecision.MetricValue(
                m.current().averageUtilization(), str(m.current().averageValue()), str(m.current().value()));
        return new ScalingDecision.MetricEvaluation(s.type() == null ? "Unknown" : s.type(), s.metricName(),
                s.containerResource() == null ? null : s.containerResource().container(), target, current,
                m.proposal(), m.error());
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    /** The TARGETS column: current/target per metric, as kubectl get hpa prints it. */
    static String targets(List<MetricSpec> specs, List<MetricResult> results) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < specs.size(); i++) {
            MetricSpec s = specs.get(i);
            MetricResult r = i < results.size() ? results.get(i) : null;
            MetricSpec.MetricTarget t = s.resource() != null ? s.resource().target()
                    : s.containerResource() != null ? s.containerResource().target() : null;
            if (b.length() > 0) {
                b.append(", ");
            }
            if (t != null && t.averageUtilization() != null) {
                String cur = r == null || r.current() == null || r.current().averageUtilization() == null ? "<unknown>"
                        : r.current().averageUtilization() + "%";
                b.append(cur).append('/').append(t.averageUtilization()).append('%');
            } else {
                b.append(r == null || r.current() == null ? "<unknown>" : String.valueOf(
                        r.current().averageValue() != null ? r.current().averageValue() : r.current().value()));
            }
        }
        return b.toString();
    }
}
