package dev.scalebus.autoscaler.backtest;

import dev.scalebus.autoscaler.hpa.HpaDefaults;
import dev.scalebus.autoscaler.hpa.HpaSpec;
import dev.scalebus.autoscaler.hpa.MetricSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What actually happened: the timeline is the stored decisions of the autoscaler(s) that targeted the workload;
 * the summary's replicas come from the recorded pod counts and its utilization from the recorded pods, against the
 * candidate's targets (the same yardstick as the candidate's summary); rescales from the decisions.
 */
public final class Actual {

    private Actual() {
    }

    public static Timeline of(List<Scrape> scrapes, List<Timeline.Point> decisions, HpaSpec candidate, Instant from,
            Instant to) {
        HpaSpec spec = HpaDefaults.apply(candidate);
        List<Timeline.Point> recorded = new ArrayList<>();
        Lifecycles lifecycles = new Lifecycles();
        for (Scrape s : scrapes) {
            lifecycles.observe(s);
            LoadModel.View view = LoadModel.recorded(s, lifecycles);
            List<Timeline.Metric> metrics = new ArrayList<>();
            for (MetricSpec m : spec.metrics()) {
                metrics.add(Metrics.of(m.resource().name(), m.resource().target(), null, view));
            }
            recorded.add(new Timeline.Point(s.time(), s.liveCount(), s.liveCount(), null, metrics, List.of(), null));
        }
        Timeline.Summary byPods = Summaries.of(recorded, from, to);
        Timeline.Summary byDecisions = Summaries.of(decisions, from, to);
        return new Timeline(decisions, new Timeline.Summary(byPods.replicaHours(), byPods.secondsAboveTarget(),
                byPods.peakUtilizationPercent(), byDecisions.rescales(), byDecisions.directionChanges(),
                Math.max(byPods.maxReplicas(), byDecisions.maxReplicas())));
    }
}
