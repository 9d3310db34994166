package dev.scalebus.autoscaler.hpa;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One reconcile of one autoscaler, mirroring upstream {@code HorizontalController.reconcileAutoscaler}. The same
 * entry serves the live controller and the what-if API. Pure: no I/O except through the {@link
 * Evaluation.ScaleUpdater} it is given.
 */
public final class Evaluator {

    private Evaluator() {
    }

    public static Evaluation.Result evaluate(Evaluation.Input in, Evaluation.ScaleUpdater updater) {
        HpaSpec spec = HpaDefaults.apply(in.spec());
        Conditions conditions = new Conditions(in.previousStatus().conditions(), in.now());
        HistoryState history = new HistoryState(in.history());
        List<Evaluation.Event> events = new ArrayList<>();
        HpaStatus prev = in.previousStatus();

        if (in.scale() == null) {
            String msg = in.scaleError() == null ? "the scale subresource is missing" : in.scaleError();
            events.add(new Evaluation.Event("Warning", "FailedGetScale", msg));
            conditions.set(Condition.ABLE_TO_SCALE, Condition.FALSE, "FailedGetScale",
                    "the HPA controller was unable to get the target's current scale: " + msg);
            HpaStatus status = new HpaStatus(prev.currentReplicas(), prev.desiredReplicas(), prev.currentMetrics(),
                    conditions.list(), prev.lastScaleTime());
            return new Evaluation.Result(0, orZero(prev.desiredReplicas()), List.of(), null, null, null, status,
                    history.toHistory(), false, false, null, "failed to get scale: " + msg, events);
        }
        conditions.set(Condition.ABLE_TO_SCALE, Condition.TRUE, "SucceededGetScale",
                "the HPA controller was able to get the target's current scale");
        int current = in.scale().specReplicas();
        history.seedIfNew(current, in.now());
        int min = spec.minReplicas();

        Normalizer.Outcome outcome = null;
        List<MetricResult> metricResults = List.of();
        String rescaleReason = null;
        int desired;
        boolean rescale = true;
        String error = null;
        if (current == 0 && min != 0) {
            desired = 0;
            rescale = false;
            conditions.set(Condition.SCALING_ACTIVE, Condition.FALSE, "ScalingDisabled",
                    "scaling is disabled since the replica count of the target is zero");
        } else if (current > spec.maxReplicas()) {
            rescaleReason = "Current number of replicas above Spec.MaxReplicas";
            desired = spec.maxReplicas();
        } else if (current < min) {
            rescaleReason = "Current number of replicas below Spec.MinReplicas";
            desired = min;
        } else {
            MetricsOutcome m = computeReplicasForMetrics(spec, in, conditions, events);
            metricResults = m.results();
            if (m.replicas() == -1) {
                HpaStatus status = new HpaStatus(current, prev.desiredReplicas(), m.statuses(), conditions.list(),
                        prev.lastScaleTime());
                events.add(new Evaluation.Event("Warning", "FailedComputeMetricsReplicas", m.error()));
                // upstream keeps the scale and status.desiredReplicas as they were (ScalingActive=False): the
                // result's desired count is the current one, never 0 (which would read as a scale to zero)
                return new Evaluation.Result(current, current, metricResults, null, null,
                        null, status, history.toHistory(), false, false, null, m.error(), events);
            }
            error = m.error();
            desired = Math.max(0, m.replicas());
            if (desired > current) {
                rescaleReason = m.metricName() + " above target";
            } else if (desired < current) {
                rescaleReason = "All metrics below target";
            }
            outcome = Normalizer.normalize(spec, in.settings(), history, current, desired, min, in.now(),
                    conditions);
            desired = outcome.limited();
            rescale = desired != current;
        }

        boolean scaled = false;
        java.time.Instant lastScaleTime = prev.lastScaleTime();
        if (rescale) {
            String failure = updater.update(desired);
            if (failure != null) {
                events.add(new Evaluation.Event("Warning", "FailedRescale",
                        "New size: " + desired + "; reason: " + rescaleReason + "; error: " + failure));
                conditions.set(Condition.ABLE_TO_SCALE, Condition.FALSE, "FailedUpdateScale",
                        "the HPA controller was unable to update the target scale: " + failure);
                HpaStatus status = new HpaStatus(current, prev.desiredReplicas(), statuses(metricResults),
                        conditions.list(), prev.lastScaleTime());
                return new Evaluation.Result(current, orZero(prev.desiredReplicas()), metricResults,
                        outcome == null ? null : outcome.proposed(), outcome == null ? null : outcome.stabilized(),
                        outcome == null ? null : outcome.limited(), status, history.toHistory(), true, false,
                        rescaleReason, "failed to rescale: " + failure, events);
            }
            conditions.set(Condition.ABLE_TO_SCALE, Condition.TRUE, "SucceededRescale",
                    "the HPA controller was able to update the target scale to " + desired);
            events.add(new Evaluation.Event("Normal", "SuccessfulRescale",
                    "New size: " + desired + "; reason: " + rescaleReason));
            ScaleEvents.store(spec.behavior(), history.scaleUpEvents, history.scaleDownEvents, current, desired,
                    in.now());
            scaled = true;
            lastScaleTime = in.now();
        } else {
            desired = current;
        }
        HpaStatus status = new HpaStatus(current, desired, statuses(metricResults), conditions.list(),
                lastScaleTime);
        return new Evaluation.Result(current, desired, metricResults, outcome == null ? null : outcome.proposed(),
                outcome == null ? null : outcome.stabilized(), outcome == null ? null : outcome.limited(), status,
                history.toHistory(), rescale, scaled, rescaleReason, error, events);
    }

    private record MetricsOutcome(int replicas, String metricName, List<MetricResult> results,
            List<MetricStatus> statuses, String error) {
    }

    // computeReplicasForMetrics: selector checks, max over metrics, and the rules for invalid metrics
    private static MetricsOutcome computeReplicasForMetrics(HpaSpec spec, Evaluation.Input in, Conditions conditions,
            List<Evaluation.Event> events) {
        String selector = in.scale().selector();
        if (selector == null || selector.isBlank()) {
            events.add(new Evaluation.Event("Warning", "SelectorRequired", "selector is required"));
            conditions.set(Condition.SCALING_ACTIVE, Condition.FALSE, "InvalidSelector",
                    "the HPA target's scale is missing a selector");
            return new MetricsOutcome(-1, null, List.of(), List.of(), "selector is required");
        }
        Predicate<Map<String, String>> matcher;
        try {
            matcher = LabelSelectors.parse(selector);
        } catch (IllegalArgumentException e) {
            String msg = "couldn't convert selector into a corresponding internal selector object: " + e.getMessage();
            events.add(new Evaluation.Event("Warning", "InvalidSelector", msg));
            conditions.set(Condition.SCALING_ACTIVE, Condition.FALSE, "InvalidSelector", msg);
            return new MetricsOutcome(-1, null, List.of(), List.of(), msg);
        }
        List<PodInfo> pods = in.pods().stream().filter(p -> p.labels() == null || matcher.test(p.labels())).toList();
        for (String other : in.otherSelectors()) {
            Predicate<Map<String, String>> o = LabelSelectors.parse(other);
            if (pods.stream().anyMatch(p -> p.labels() != null && o.test(p.labels()))) {
                String msg = "pods by selector " + selector + " are controlled by multiple HPAs";
                events.add(new Evaluation.Event("Warning", "AmbiguousSelector", msg));
                conditions.set(Condition.SCALING_ACTIVE, Condition.FALSE, "AmbiguousSelector", msg);
                return new MetricsOutcome(-1, null, List.of(), List.of(), msg);
            }
        }
        int specReplicas = in.scale().specReplicas();
        MetricComputer computer = new MetricComputer(new ReplicaCalculator(in.settings(), in.now()), in.reads(),
                pods, Tolerances.of(spec, in.settings()));
        List<MetricResult> results = new ArrayList<>();
        int replicas = 0;
        String metric = null;
        MetricResult firstInvalid = null;
        int invalid = 0;
        for (MetricSpec ms : spec.metrics()) {
            MetricResult r = computer.compute(ms, specReplicas, in.scale().statusReplicas());
            results.add(r);
            if (r.error() != null) {
                events.add(new Evaluation.Event("Warning", r.reason(), r.message()));
                if (invalid++ == 0) {
                    firstInvalid = r;
                }
                continue;
            }
            if (replicas == 0 || r.proposal() > replicas) {
                replicas = r.proposal();
                metric = r.name();
            }
        }
        String error = firstInvalid == null ? null : "invalid metrics (" + invalid + " invalid out of "
                + spec.metrics().size() + "), first error is: " + firstInvalid.error();
        if (invalid >= spec.metrics().size() || (invalid > 0 && replicas < specReplicas)) {
            conditions.set(Condition.SCALING_ACTIVE, Condition.FALSE, firstInvalid.reason(), firstInvalid.message());
            return new MetricsOutcome(-1, null, results, statuses(results), error);
        }
        conditions.set(Condition.SCALING_ACTIVE, Condition.TRUE, "ValidMetricFound",
                "the HPA was able to successfully calculate a replica count from " + metric);
        return new MetricsOutcome(replicas, metric, results, statuses(results), error);
    }

    private static List<MetricStatus> statuses(List<MetricResult> results) {
        return results.stream().filter(r -> r.current() != null).map(MetricResult::current).toList();
    }

    private static int orZero(Integer v) {
        return v == null ? 0 : v;
    }
}
