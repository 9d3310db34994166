package dev.scalebus.autoscaler.backtest;

import dev.scalebus.autoscaler.hpa.Condition;
import dev.scalebus.autoscaler.hpa.ControllerSettings;
import dev.scalebus.autoscaler.hpa.Evaluation;
import dev.scalebus.autoscaler.hpa.Evaluator;
import dev.scalebus.autoscaler.hpa.History;
import dev.scalebus.autoscaler.hpa.HpaDefaults;
import dev.scalebus.autoscaler.hpa.HpaSpec;
import dev.scalebus.autoscaler.hpa.HpaStatus;
import dev.scalebus.autoscaler.hpa.MetricReads;
import dev.scalebus.autoscaler.hpa.MetricResult;
import dev.scalebus.autoscaler.hpa.MetricSpec;
import dev.scalebus.autoscaler.hpa.ScaleView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays recorded scrapes through the live controller's {@link Evaluator}: at each scrape time the candidate spec
 * is evaluated with the candidate's own replica count and pods ({@link LoadModel}), and a rescale is applied as the
 * live controller applies it; status and history carry from step to step. Pure: times come from the recording.
 */
public final class Replay {

    /** The candidate's target selector: the candidate's pods carry no labels, so every pod is selected. */
    static final String SELECTOR = "scalebus.dev/backtest=candidate";

    /**
     * @param spec            the candidate (validated by {@link #check})
     * @param settings        the controller flags
     * @param scrapes         the recorded scrapes, in time order
     * @param initialReplicas the candidate's replica count before the first scrape
     * @param from            start of the range (summaries)
     * @param to              end of the range (summaries)
     */
    public record Input(HpaSpec spec, ControllerSettings settings, List<Scrape> scrapes, int initialReplicas,
            Instant from, Instant to) {
    }

    private Replay() {
    }

    /** Refuses metrics history does not record: only Resource cpu/memory with Utilization or AverageValue. */
    public static void check(HpaSpec spec, String path) {
        List<MetricSpec> metrics = HpaDefaults.apply(spec).metrics();
        for (int i = 0; i < metrics.size(); i++) {
            MetricSpec m = metrics.get(i);
            String field = path + ".metrics[" + i + "]";
            if (!MetricSpec.RESOURCE.equals(m.type()) || m.resource() == null) {
                throw new BacktestException(field, m.type() + " metrics are not recorded by history; a backtest "
                        + "replays Resource metrics (cpu, memory) only");
            }
            if (!"cpu".equals(m.resource().name()) && !"memory".equals(m.resource().name())) {
                throw new BacktestException(field, "resource '" + m.resource().name() + "' is not recorded by "
                        + "history; want cpu or memory");
            }
            String target = m.resource().target() == null ? null : m.resource().target().type();
            if (!MetricSpec.MetricTarget.UTILIZATION.equals(target)
                    && !MetricSpec.MetricTarget.AVERAGE_VALUE.equals(target)) {
                throw new BacktestException(field + ".resource.target.type", "want Utilization or AverageValue");
            }
        }
    }

    public static Timeline run(Input in) {
        HpaSpec spec = HpaDefaults.apply(in.spec());
        List<LoadModel.CandidatePod> pods = new ArrayList<>();
        int serial = 0;
        for (; serial < in.initialReplicas(); serial++) {
            pods.add(new LoadModel.CandidatePod("candidate-" + serial, null));
        }
        HpaStatus status = HpaStatus.empty();
        History history = null;
        List<Timeline.Point> points = new ArrayList<>();
        Lifecycles lifecycles = new Lifecycles();
        for (Scrape scrape : in.scrapes()) {
            Instant now = scrape.time();
            lifecycles.observe(scrape);
            LoadModel.View view = LoadModel.of(scrape, lifecycles, pods, in.settings().initialReadinessDelay());
            Evaluation.Input input = new Evaluation.Input(in.spec(), status, history,
                    new ScaleView(pods.size(), pods.size(), SELECTOR), null, view.pods(),
                    new MetricReads(view.read(), null, null, null), List.of(), in.settings(), now);
            Evaluation.Result r = Evaluator.evaluate(input, replicas -> null);
            status = r.status();
            history = r.history();
            if (r.scaled()) {
                for (; pods.size() < r.desiredReplicas(); serial++) {
                    pods.add(new LoadModel.CandidatePod("candidate-" + serial, now));
                }
                while (pods.size() > r.desiredReplicas()) {
                    pods.remove(pods.size() - 1); // the newest go first, as a ReplicaSet removes them
                }
            }
            points.add(new Timeline.Point(now, r.currentReplicas(), r.desiredReplicas(),
                    r.scaled() ? r.desiredReplicas() : null, metrics(spec, r, view), reasons(r),
                    r.rescaleReason() != null ? r.rescaleReason() : r.error()));
        }
        return new Timeline(points, Summaries.of(points, in.from(), in.to()));
    }

    private static List<String> reasons(Evaluation.Result r) {
        return r.conditions().stream().map(Condition::reason).toList();
    }

    // per spec metric: the utilization the controller computed, or the load model's when it computed none
    private static List<Timeline.Metric> metrics(HpaSpec spec, Evaluation.Result r, LoadModel.View view) {
        List<Timeline.Metric> out = new ArrayList<>();
        for (int i = 0; i < spec.metrics().size(); i++) {
            MetricSpec m = spec.metrics().get(i);
            MetricResult result = i < r.metrics().size() ? r.metrics().get(i) : null;
            out.add(Metrics.of(m.resource().name(), m.resource().target(),
                    result == null || result.current() == null ? null : result.current().averageUtilization(),
                    view));
        }
        return out;
    }
}
