package dev.scalebus.autoscaler.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalebus.autoscaler.hpa.ControllerSettings;
import dev.scalebus.autoscaler.hpa.HpaSpec;
import dev.scalebus.autoscaler.hpa.MetricSpec;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayTest {

    private static final ControllerSettings SETTINGS = ControllerSettings.defaults();
    private static final int TICKS = 120; // 30 minutes
    private static final Instant TO = LiveRecorder.T0.plus(LiveRecorder.TICK.multipliedBy(TICKS));

    private static Timeline replay(HpaSpec candidate, LiveRecorder.Run run) {
        return Replay.run(new Replay.Input(candidate, SETTINGS, Scrape.of(run.rows()), 1, LiveRecorder.T0, TO));
    }

    private static List<LiveRecorder.Rescale> rescales(Timeline t) {
        return t.timeline().stream().filter(p -> p.appliedReplicas() != null)
                .map(p -> new LiveRecorder.Rescale(p.time(), p.currentReplicas(), p.appliedReplicas())).toList();
    }

    @Test
    void replayingThePolicyThatRanGivesBackItsRescalesAtTheSameTimes() {
        HpaSpec policy = LiveRecorder.spec(60, 300);
        LiveRecorder.Run run = LiveRecorder.run(policy, SETTINGS, 1, TICKS, LiveRecorder::stepLoad);
        assertThat(run.rescales()).hasSizeGreaterThanOrEqualTo(2); // up on the load step, down after it

        Timeline candidate = replay(policy, run);

        assertThat(rescales(candidate)).containsExactlyElementsOf(run.rescales());
    }

    @Test
    void aShorterScaleDownWindowScalesDownEarlierWithFewerReplicaHours() {
        HpaSpec policy = LiveRecorder.spec(60, 300);
        LiveRecorder.Run run = LiveRecorder.run(policy, SETTINGS, 1, TICKS, LiveRecorder::stepLoad);
        Instant loadDrops = LiveRecorder.T0.plus(LiveRecorder.TICK.multipliedBy(60));

        Timeline same = replay(policy, run);
        Timeline shorter = replay(LiveRecorder.spec(60, 60), run);

        // the last high recommendation is tick 59's, 15 s before the drop: it leaves a window of w seconds (only
        // recommendations strictly after now - w count) at now = tick 59 + w
        Instant lastHigh = loadDrops.minus(LiveRecorder.TICK);
        Instant predicted = lastHigh.plusSeconds(60);
        LiveRecorder.Rescale firstDown = rescales(shorter).stream().filter(r -> r.to() < r.from()).findFirst()
                .orElseThrow();
        assertThat(firstDown.time()).isEqualTo(predicted);
        assertThat(firstDown.to()).isEqualTo(1);
        LiveRecorder.Rescale recordedDown = run.rescales().stream().filter(r -> r.to() < r.from()).findFirst()
                .orElseThrow();
        assertThat(recordedDown.time()).isEqualTo(lastHigh.plusSeconds(300));
        assertThat(shorter.summary().replicaHours()).isLessThan(same.summary().replicaHours());
        // 240 s earlier, from the same peak straight to 1 replica (0.3 cores at 60% of 500m)
        double saved = (firstDown.from() - 1) * 240 / 3600.0;
        assertThat(same.summary().replicaHours() - shorter.summary().replicaHours()).isCloseTo(saved,
                org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void metricsHistoryDoesNotRecordAreRefusedNamingTheMetric() {
        HpaSpec pods = new HpaSpec(null, 1, 5, List.of(MetricSpec.resource("cpu",
                MetricSpec.MetricTarget.utilization(50)), MetricSpec.pods("qps",
                MetricSpec.MetricTarget.averageValue(dev.scalebus.events.Quantity.parse("10")))), null);

        assertThatThrownBy(() -> Replay.check(pods, "autoscaler.spec"))
                .isInstanceOfSatisfying(BacktestException.class, e -> {
                    assertThat(e.field()).isEqualTo("autoscaler.spec.metrics[1]");
                    assertThat(e.getMessage()).contains("not recorded by history");
                });
    }
}
