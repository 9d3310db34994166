package dev.scalebus.autoscaler.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummariesTest {

    private static final Instant FROM = Instant.parse("2026-12-01T10:00:00Z");

    private static Timeline.Point point(int minute, int current, Integer applied, int cpu) {
        return new Timeline.Point(FROM.plusSeconds(60L * minute), current, applied == null ? current : applied,
                applied, List.of(new Timeline.Metric("cpu", cpu, 80, null, null, cpu > 80)), List.of(), null);
    }

    // by hand: 0-10 min 2 replicas (the first point is at 10), 10-20 min 4, 20-30 min 4, 30-40 min 3,
    // 40-60 min 4 => (20 + 40 + 40 + 30 + 80) replica-minutes = 210 = 3.5 replica-hours
    private static final List<Timeline.Point> HAND = List.of(
            point(10, 2, 4, 95),      // up: cpu above target for the 10 minutes to the next point
            point(20, 4, null, 70),
            point(30, 4, 3, 50),      // down: a direction change
            point(40, 3, 4, 85));     // up again: another direction change; above target for 20 minutes

    @Test
    void summariesOfAHandComputedTimeline() {
        Timeline.Summary s = Summaries.of(HAND, FROM, FROM.plusSeconds(3600));

        assertThat(s.replicaHours()).isEqualTo(3.5);
        assertThat(s.secondsAboveTarget()).isEqualTo(Map.of("cpu", 1800L));
        assertThat(s.peakUtilizationPercent()).isEqualTo(Map.of("cpu", 95));
        assertThat(s.rescales()).isEqualTo(3);
        assertThat(s.directionChanges()).isEqualTo(2);
        assertThat(s.maxReplicas()).isEqualTo(4);
    }

    @Test
    void csvHasOneRowPerPointOfEachSeriesWithTheMetricColumnsAndQuotedReasons() {
        Timeline candidate = new Timeline(List.of(new Timeline.Point(FROM, 2, 4, 4,
                List.of(new Timeline.Metric("cpu", 95, 80, null, null, true)), List.of("SucceededRescale"),
                "cpu resource utilization (percentage of request) above target")), null);
        Timeline actual = new Timeline(List.of(new Timeline.Point(FROM.plusSeconds(15), 2, 3, null,
                List.of(new Timeline.Metric("cpu", 90, 80, null, null, true)), List.of(), "a \"quoted\", reason")),
                null);

        assertThat(Csv.of(candidate, actual)).isEqualTo("""
                series,time,currentReplicas,desiredReplicas,appliedReplicas,cpu_utilization,reason
                candidate,2026-12-01T10:00:00Z,2,4,4,95,cpu resource utilization (percentage of request) above target
                actual,2026-12-01T10:00:15Z,2,3,,90,"a ""quoted"", reason"
                """);
    }

    @Test
    void actualReplicasComeFromTheRecordedPodCountsAndRescalesFromTheDecisions() {
        Instant t1 = FROM.plusSeconds(1800);
        List<Scrape> scrapes = Scrape.of(List.of(
                new RecordedPod(FROM, "a", "Running", true, 450_000_000L, 1L, 500L, 10L),
                new RecordedPod(t1, "a", "Running", true, 200_000_000L, 1L, 500L, 10L),
                new RecordedPod(t1, "b", "Running", true, 200_000_000L, 1L, 500L, 10L)));
        List<Timeline.Point> decisions = List.of(new Timeline.Point(t1.minusSeconds(60), 1, 2, 2, List.of(),
                List.of("SucceededRescale"), "cpu above target"));

        Timeline actual = Actual.of(scrapes, decisions, LiveRecorder.spec(80, 300), FROM, FROM.plusSeconds(3600));

        assertThat(actual.timeline()).isEqualTo(decisions);
        assertThat(actual.summary().replicaHours()).isEqualTo(1.5); // 30 min x 1 + 30 min x 2
        assertThat(actual.summary().secondsAboveTarget()).isEqualTo(Map.of("cpu", 1800L)); // 90% for 30 min
        assertThat(actual.summary().peakUtilizationPercent()).isEqualTo(Map.of("cpu", 90));
        assertThat(actual.summary().rescales()).isEqualTo(1);
        assertThat(actual.summary().maxReplicas()).isEqualTo(2);
    }
}
