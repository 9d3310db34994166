package dev.scalebus.autoscaler.backtest;

import dev.scalebus.autoscaler.hpa.Behavior;
import dev.scalebus.autoscaler.hpa.ControllerSettings;
import dev.scalebus.autoscaler.hpa.Evaluation;
import dev.scalebus.autoscaler.hpa.Evaluator;
import dev.scalebus.autoscaler.hpa.History;
import dev.scalebus.autoscaler.hpa.HpaSpec;
import dev.scalebus.autoscaler.hpa.HpaStatus;
import dev.scalebus.autoscaler.hpa.MetricReads;
import dev.scalebus.autoscaler.hpa.MetricSpec;
import dev.scalebus.autoscaler.hpa.PodGroups;
import dev.scalebus.autoscaler.hpa.PodInfo;
import dev.scalebus.autoscaler.hpa.ScaleView;
import dev.scalebus.events.Quantity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntToLongFunction;

/**
 * Test fixture: a live run on synthetic load. Every 15 s the cluster's pods share the load evenly (new pods are not
 * ready and have no cpu sample for 30 s), the collector records them, and the live algorithm (the {@link Evaluator}
 * on what the metrics API would answer, with real start and Ready times) scales. Independent of the load model.
 */
final class LiveRecorder {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    static final Duration TICK = Duration.ofSeconds(15);
    static final Duration READY_AFTER = Duration.ofSeconds(30);
    static final long CPU_REQUEST_MILLI = 500;
    static final long MEMORY_REQUEST = 256L << 20;
    static final long MEMORY_PER_POD = 100L << 20;

    /** A rescale the live run made. */
    record Rescale(Instant time, int from, int to) {
    }

    record Run(List<RecordedPod> rows, List<Rescale> rescales) {
    }

    private record Pod(String name, Instant bornAt) {
    }

    private LiveRecorder() {
    }

    static HpaSpec spec(int cpuPercent, int scaleDownWindowSeconds) {
        return new HpaSpec(new HpaSpec.TargetRef("apps/v1", "Deployment", "web"), 1, 10,
                List.of(MetricSpec.resource("cpu", MetricSpec.MetricTarget.utilization(cpuPercent))),
                new Behavior(null, new Behavior.ScalingRules(scaleDownWindowSeconds, null, null, null)));
    }

    /** Load in nanocores by tick: 0.3 cores, 2.4 cores from minute 5 to 15, then 0.3 again. */
    static long stepLoad(int tick) {
        return tick >= 20 && tick < 60 ? 2_400_000_000L : 300_000_000L;
    }

    static Run run(HpaSpec spec, ControllerSettings settings, int initialReplicas, int ticks, IntToLongFunction load) {
        List<Pod> pods = new ArrayList<>();
        int serial = 0;
        for (; serial < initialReplicas; serial++) {
            pods.add(new Pod("web-" + serial, null));
        }
        List<RecordedPod> rows = new ArrayList<>();
        List<Rescale> rescales = new ArrayList<>();
        HpaStatus status = null;
        History history = null;
        for (int i = 0; i < ticks; i++) {
            Instant now = T0.plus(TICK.multipliedBy(i));
            List<Pod> ready = pods.stream().filter(p -> p.bornAt() == null
                    || !now.isBefore(p.bornAt().plus(READY_AFTER))).toList();
            long perPod = load.applyAsLong(i) / ready.size();
            List<PodInfo> infos = new ArrayList<>();
            List<MetricReads.PodUsage> usage = new ArrayList<>();
            for (Pod p : pods) {
                boolean isReady = ready.contains(p);
                Instant start = p.bornAt() == null ? PodGroups.ZERO_TIME : p.bornAt();
                Instant transition = p.bornAt() == null ? PodGroups.ZERO_TIME : isReady
                        ? p.bornAt().plus(READY_AFTER) : p.bornAt();
                rows.add(new RecordedPod(now, p.name(), "Running", isReady, isReady ? perPod : null,
                        isReady ? MEMORY_PER_POD : null, CPU_REQUEST_MILLI, MEMORY_REQUEST));
                infos.add(new PodInfo(p.name(), "Running", isReady, transition, start, false, null, List.of(
                        new PodInfo.ContainerInfo("app", false, false, Map.of("cpu",
                                Quantity.ofMilliCores(CPU_REQUEST_MILLI), "memory", Quantity.ofBytes(MEMORY_REQUEST))))));
                if (isReady) {
                    usage.add(new MetricReads.PodUsage(p.name(), now, TICK, List.of(new MetricReads.ContainerUsage(
                            "app", Map.of("cpu", Quantity.ofNanoCores(perPod),
                                    "memory", Quantity.ofBytes(MEMORY_PER_POD))))));
                }
            }
            Evaluation.Result r = Evaluator.evaluate(new Evaluation.Input(spec, status, history,
                    new ScaleView(pods.size(), pods.size(), "app=web"), null, infos,
                    new MetricReads(new MetricReads.ResourceRead(usage, null), null, null, null), null, settings,
                    now), n -> null);
            status = r.status();
            history = r.history();
            if (r.scaled()) {
                rescales.add(new Rescale(now, r.currentReplicas(), r.desiredReplicas()));
                for (; pods.size() < r.desiredReplicas(); serial++) {
                    pods.add(new Pod("web-" + serial, now));
                }
                while (pods.size() > r.desiredReplicas()) {
                    pods.remove(pods.size() - 1);
                }
            }
        }
        return new Run(rows, rescales);
    }
}
