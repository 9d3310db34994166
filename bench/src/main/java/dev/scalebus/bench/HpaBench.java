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
 * One reconcile of one autoscaler by the pure HPA core (upstream reconcileAutoscaler): a CPU-utilization target
 * over a Deployment of {@code replicas} pods, with status and history carried from the previous evaluation as the
 * live controller does. Throughput = evaluations per second per core.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HpaBench {

    @Param({"10"})
    public int replicas;

    private HpaSpec spec;
    private List<PodInfo> pods;
    private MetricReads[] reads;
    private HpaStatus status;
    private History history;
    private int step;
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Setup
    public void setUp() {
        spec = new HpaSpec(new HpaSpec.TargetRef("apps/v1", "Deployment", "web"), 1, 100,
                List.of(MetricSpec.resource("cpu", MetricSpec.MetricTarget.utilization(60))), null);
        pods = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            pods.add(new PodInfo("web-" + i, "Running", true, PodGroups.ZERO_TIME, PodGroups.ZERO_TIME, false,
                    Map.of("app", "web"), List.of(new PodInfo.ContainerInfo("app", false, false,
                            Map.of("cpu", Quantity.parse("500m"), "memory", Quantity.parse("256Mi"))))));
        }
        // usage around the target (55%..65%): mostly inside the tolerance, as most autoscalers are most of the time
        reads = new MetricReads[16];
        for (int k = 0; k < reads.length; k++) {
            reads[k] = cpu(k);
        }
        history = History.empty();
    }

    private MetricReads cpu(int k) {
        List<MetricReads.PodUsage> usage = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            long milli = 275 + ((i * 7 + k * 3) % 50);
            usage.add(new MetricReads.PodUsage("web-" + i, now, Duration.ofSeconds(15), List.of(
                    new MetricReads.ContainerUsage("app", Map.of("cpu", Quantity.ofMilliCores(milli))))));
        }
        return new MetricReads(new MetricReads.ResourceRead(usage, null), null, null, null);
    }

    @Benchmark
    public int evaluate() {
        int k = step++ & (reads.length - 1);
        Evaluation.Result r = Evaluator.evaluate(new Evaluation.Input(spec, status, history,
                new ScaleView(replicas, replicas, "app=web"), null, pods, reads[k], null, null,
                now.plusSeconds(15L * k)), x -> null);
        if (k == reads.length - 1) {
            status = null;
            history = History.empty();
        } else {
            status = r.status();
            history = r.history();
        }
        return r.desiredReplicas();
    }
}
