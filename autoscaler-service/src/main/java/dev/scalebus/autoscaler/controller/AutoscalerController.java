package dev.scalebus.autoscaler.controller;

import dev.scalebus.autoscaler.hpa.ControllerSettings;
import dev.scalebus.autoscaler.hpa.Evaluation;
import dev.scalebus.autoscaler.hpa.Evaluator;
import dev.scalebus.autoscaler.hpa.History;
import dev.scalebus.autoscaler.hpa.HpaDefaults;
import dev.scalebus.autoscaler.hpa.HpaStatus;
import dev.scalebus.autoscaler.hpa.LabelSelectors;
import dev.scalebus.autoscaler.hpa.MetricReads;
import dev.scalebus.autoscaler.hpa.MetricSpec;
import dev.scalebus.autoscaler.hpa.ScaleView;
import dev.scalebus.autoscaler.kube.AutoscalerObject;
import dev.scalebus.autoscaler.kube.AutoscalerStore;
import dev.scalebus.autoscaler.kube.CustomMetricsClient;
import dev.scalebus.autoscaler.kube.KubeEvents;
import dev.scalebus.autoscaler.kube.KubePods;
import dev.scalebus.autoscaler.kube.Leadership;
import dev.scalebus.autoscaler.kube.TargetScaler;
import dev.scalebus.autoscaler.window.PodMetricsWindow;
import dev.scalebus.events.ScalingDecision;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * The live controller: evaluates HorizontalAutoscalers with {@link Evaluator} (the simulate API's code path),
 * scales their targets, writes their status, records Events and publishes every changing decision.
 */
@ApplicationScoped
public class AutoscalerController {

    private static final Logger LOG = Logger.getLogger(AutoscalerController.class);

    private final AutoscalerStore store;
    private final TargetScaler scaler;
    private final CustomMetricsClient customMetrics;
    private final KubePods pods;
    private final KubeEvents events;
    private final PodMetricsWindow window;
    private final DecisionPublisher decisions;
    private final Leadership leadership;
    private final Clock clock;
    private final ControllerSettings settings;
    private final Map<String, History> histories = new ConcurrentHashMap<>();
    private final Map<String, String> selectors = new ConcurrentHashMap<>();
    // the status this controller last wrote: fresher than the informer's copy right after a write
    private final Map<String, HpaStatus> written = new ConcurrentHashMap<>();

    public AutoscalerController(AutoscalerStore store, TargetScaler scaler, CustomMetricsClient customMetrics,
            KubePods pods, KubeEvents events,
            PodMetricsWindow window, DecisionPublisher decisions, Leadership leadership, Clock clock,
            AutoscalerConfig config) {
        this.store = store;
        this.scaler = scaler;
        this.customMetrics = customMetrics;
        this.pods = pods;
        this.events = events;
        this.window = window;
        this.decisions = decisions;
        this.leadership = leadership;
        this.clock = clock;
        ControllerSettings d = ControllerSettings.defaults();
        this.settings = new ControllerSettings(config.tolerance(), config.cpuInitializationPeriod(),
                config.initialReadinessDelay(), config.downscaleStabilizationWindow(), d.scaleUpLimitFactor(),
                d.scaleUpLimitMinimum());
        store.onDeleted(this::forget);
    }

    /**
     * An autoscaler was deleted: its history, target selector and last written status go at once, so another
     * autoscaler over the same target is not AmbiguousSelector (upstream deleteHPA: queue Forget +
     * hpaSelectors.DeleteSelector; reconcileKey drops recommendations and scale events on NotFound).
     */
    synchronized void forget(String key) {
        histories.remove(key);
        selectors.remove(key);
        written.remove(key);
        LOG.infof("autoscaler %s deleted: its history and target selector are dropped", key);
    }

    /** Evaluates every autoscaler of a namespace (null: all namespaces). */
    public void evaluateNamespace(String namespace) {
        evaluateNamespace(namespace, a -> true);
    }

    /** Evaluates the autoscalers of a namespace (null: all namespaces) that {@code which} selects. */
    public void evaluateNamespace(String namespace, Predicate<AutoscalerObject> which) {
        List<AutoscalerObject> all = store.list(namespace);
        if (namespace == null) {
            List<String> keys = all.stream().map(AutoscalerObject::key).toList();
            // a backstop for deletions the informer could not report (gone before its first list)
            histories.keySet().retainAll(keys);
            selectors.keySet().retainAll(keys);
            written.keySet().retainAll(keys);
        }
        for (AutoscalerObject a : all.stream().filter(which).toList()) {
            try {
                if (!leadership.active()) {
                    LOG.infof("not leading any more: evaluations stop before autoscaler %s", a.key());
                    return;
                }
                evaluate(a);
            } catch (NotLeaderException e) {
                LOG.infof("autoscaler %s: not leading any more when about to scale: nothing written", a.key());
                return;
            } catch (RuntimeException e) {
                LOG.infof("autoscaler %s: evaluation failed: %s", a.key(), e.toString());
            }
        }
    }

    synchronized void evaluate(AutoscalerObject a) {
        Instant now = clock.instant();
        if (store.deleted(a)) {
            return; // listed before its deletion: forget() already ran, nothing may come back or be scaled
        }
        if (a.spec() == null) {
            LOG.infof("autoscaler %s: spec not usable: %s", a.key(), a.specError());
            return;
        }
        ScaleView scale = null;
        String scaleError = null;
        try {
            scale = scaler.read(a.namespace(), a.spec().scaleTargetRef());
            selectors.put(a.key(), scale.selector());
        } catch (IllegalStateException e) {
            scaleError = e.getMessage();
        }
        List<String> others = selectors.entrySet().stream()
                .filter(e -> e.getKey().startsWith(a.namespace() + "/") && !e.getKey().equals(a.key()))
                .map(Map.Entry::getValue).filter(s -> s != null && !s.isBlank()).toList();
        HpaStatus before = written.getOrDefault(a.key(), a.status());
        Evaluation.Input in = new Evaluation.Input(a.spec(), before, histories.get(a.key()), scale, scaleError,
                scale == null ? List.of() : pods.list(a.namespace()), reads(a, scale), others, settings, now);
        Evaluation.Result r = Evaluator.evaluate(in, a.dryRun() ? replicas -> null
                : NotLeaderException.guarded(leadership::active,
                        replicas -> scaler.write(a.namespace(), a.spec().scaleTargetRef(), replicas)));
        histories.put(a.key(), r.history());
        // queued before the status write: a failing status write must not lose the decision of a scale just done
        if (DecisionFactory.changed(before, r, a.dryRun())) {
            ScalingDecision d = DecisionFactory.decision(a, r, now);
            decisions.publish(d);
            LOG.infof("decision %s: autoscaler %s current=%d desired=%d applied=%s dryRun=%s reason=%s", d.id(),
                    a.key(), d.currentReplicas(), d.desiredReplicas(), d.appliedReplicas(), a.dryRun(), d.reason());
        }
        List<MetricSpec> specs = HpaDefaults.apply(a.spec()).metrics();
        if (!r.status().equals(before)) {
            store.writeStatus(a, r.status(), DecisionFactory.targets(specs, r.metrics()));
            written.put(a.key(), r.status());
        }
        for (Evaluation.Event e : r.events()) {
            // a dry run never wrote the scale: say so instead of SuccessfulRescale
            boolean dry = a.dryRun() && "SuccessfulRescale".equals(e.reason());
            events.record(a.namespace(), a.name(), e.type(), dry ? "DryRunRescale" : e.reason(),
                    dry ? e.message() + " (dry run: not applied)" : e.message(), now);
        }
    }

    private MetricReads reads(AutoscalerObject a, ScaleView scale) {
        Map<String, MetricReads.PodsRead> podsReads = new HashMap<>();
        Map<String, MetricReads.ValueRead> objectReads = new HashMap<>();
        Map<String, MetricReads.SeriesRead> externalReads = new HashMap<>();
        // the evaluator stops before the metrics without a usable scale: the metrics APIs are not asked then
        boolean usable = scale != null && scale.selector() != null && !scale.selector().isBlank();
        for (MetricSpec m : usable ? a.spec().metrics() : List.<MetricSpec>of()) {
            String name = m.metricName();
            if (name == null) {
                continue;
            }
            String ns = a.namespace();
            switch (m.type()) {
                case MetricSpec.PODS -> podsReads.put(name, customMetrics.podsMetric(ns, name, scale.selector(),
                        m.pods().metric().selector()));
                case MetricSpec.OBJECT -> objectReads.put(name, customMetrics.objectMetric(ns, name,
                        m.object().describedObject(), m.object().metric().selector()));
                case MetricSpec.EXTERNAL -> externalReads.put(name, customMetrics.externalMetric(ns, name,
                        m.external().metric().selector()));
                default -> {
                }
            }
        }
        // the metrics API lists PodMetrics by the target's selector; an unusable selector is reported by the evaluator
        Predicate<Map<String, String>> selector = labels -> false;
        if (scale != null && scale.selector() != null && !scale.selector().isBlank()) {
            try {
                selector = LabelSelectors.parse(scale.selector());
            } catch (IllegalArgumentException e) {
                selector = labels -> false;
            }
        }
        return new MetricReads(window.read(a.namespace(), selector), podsReads, objectReads, externalReads);
    }
}
