package dev.scalebus.bench;

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
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Evaluations per second over a fleet of {@code autoscalers} distinct autoscalers, each with its own spec (target
 * 50-80 %), Deployment of 1-10 pods with their own names and labels, metrics, status and history, evaluated in turn
 * as one sync period does (every autoscaler once per round, the clock 15 s later each round). Unlike
 * {@link HpaBench} (one autoscaler, always hot in the caches) the state of 10,000 autoscalers does not fit in the
 * CPU caches. Usage wanders around each target, so some evaluations scale and history fills as in a live cluster.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HpaFleetBench {

    @Param({"10000"})
    public int autoscalers;

    private static final int READS = 4;
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private HpaSpec[] specs;
    private List<PodInfo>[] pods;
    private MetricReads[][] reads;
    private ScaleView[] scales;
    private HpaStatus[] status;
    private History[] history;
    private long next;

    @Setup
    @SuppressWarnings("unchecked")
    public void setUp() {
        specs = new HpaSpec[autoscalers];
        pods = new List[autoscalers];
        reads = new MetricReads[autoscalers][READS];
        scales = new ScaleView[autoscalers];
        status = new HpaStatus[autoscalers];
        history = new History[autoscalers];
        for (int a = 0; a < autoscalers; a++) {
            String app = "app-" + a;
            int replicas = 1 + a % 10;
            int target = 50 + a % 31;
            specs[a] = new HpaSpec(new HpaSpec.TargetRef("apps/v1", "Deployment", app), 1, 20,
                    List.of(MetricSpec.resource("cpu", MetricSpec.MetricTarget.utilization(target))), null);
            List<PodInfo> list = new ArrayList<>();
            for (int i = 0; i < replicas; i++) {
                list.add(new PodInfo(app + "-" + i, "Running", true, PodGroups.ZERO_TIME, PodGroups.ZERO_TIME, false,
                        Map.of("app", app), List.of(new PodInfo.ContainerInfo("main", false, false,
                                Map.of("cpu", Quantity.parse("500m"), "memory", Quantity.parse("256Mi"))))));
            }
            pods[a] = list;
            scales[a] = new ScaleView(replicas, replicas, "app=" + app);
            for (int k = 0; k < READS; k++) {
                reads[a][k] = cpu(app, replicas, target, a, k);
            }
            history[a] = History.empty();
        }
    }

    /** Usage per pod from 0.8x to 1.3x of the target: mostly inside the tolerance, sometimes a scale up. */
    private static MetricReads cpu(String app, int replicas, int target, int a, int k) {
        List<MetricReads.PodUsage> usage = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            double factor = 0.8 + ((a * 7 + i * 13 + k * 5) % 51) / 100.0;
            long milli = Math.round(500 * target / 100.0 * factor);
            usage.add(new MetricReads.PodUsage(app + "-" + i, START, Duration.ofSeconds(15), List.of(
                    new MetricReads.ContainerUsage("main", Map.of("cpu", Quantity.ofMilliCores(milli))))));
        }
        return new MetricReads(new MetricReads.ResourceRead(usage, null), null, null, null);
    }

    @Benchmark
    public int evaluate() {
        long n = next++;
        int a = (int) (n % autoscalers);
        long round = n / autoscalers;
        Evaluation.Result r = Evaluator.evaluate(new Evaluation.Input(specs[a], status[a], history[a], scales[a], null,
                pods[a], reads[a][(int) (round % READS)], null, null, START.plusSeconds(15 * round)), x -> null);
        status[a] = r.status();
        history[a] = r.history();
        return r.desiredReplicas();
    }
}
