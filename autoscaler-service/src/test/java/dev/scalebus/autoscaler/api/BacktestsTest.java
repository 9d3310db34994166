package dev.scalebus.autoscaler.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalebus.autoscaler.backtest.RecordedPod;
import dev.scalebus.autoscaler.backtest.Timeline;
import dev.scalebus.autoscaler.controller.AutoscalerConfig;
import dev.scalebus.autoscaler.history.HistoryClient;
import dev.scalebus.autoscaler.history.HistoryException;
import dev.scalebus.autoscaler.history.WorkloadRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The request checks and history failure mapping of a backtest, on a history in memory. */
class BacktestsTest {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    static final AutoscalerConfig.Backtest CAPS = new AutoscalerConfig.Backtest() {
        public String historyUrl() {
            return "http://127.0.0.1:1";
        }

        public String historyTokenFile() {
            return "/nonexistent";
        }

        public Duration historyTimeout() {
            return Duration.ofSeconds(1);
        }

        public Duration historySlice() {
            return Duration.ofHours(1);
        }

        public Duration maxRange() {
            return Duration.ofHours(24);
        }

        public int maxPoints() {
            return 100;
        }

        public Duration maxWallTime() {
            return Duration.ofSeconds(10);
        }
    };

    static final Map<String, Object> SPEC = Map.of("maxReplicas", 10, "metrics", List.of(Map.of("type", "Resource",
            "resource", Map.of("name", "cpu", "target", Map.of("type", "Utilization", "averageUtilization", 50)))));

    /** 3 pods at 60% of 500m every 15 s for 5 minutes; or the failure given. */
    record History(HistoryException failure) implements HistoryClient {
        public List<RecordedPod> samples(WorkloadRef w, Instant from, Instant to, int maxRows, Instant deadline) {
            if (failure != null) {
                throw failure;
            }
            List<RecordedPod> rows = new ArrayList<>();
            for (int i = 0; i < 20 && "shop".equals(w.namespace()); i++) {
                for (String pod : List.of("a", "b", "c")) {
                    rows.add(new RecordedPod(T0.plusSeconds(15L * i), pod, "Running", true, 300_000_000L, 1L, 500L,
                            10L));
                }
            }
            return rows;
        }

        public List<Timeline.Point> decisions(WorkloadRef w, Instant from, Instant to, Instant deadline) {
            return List.of();
        }
    }

    static BacktestResponse run(HistoryException failure, Map<String, Object> autoscaler, String namespace,
            Instant from, Instant to, Integer initial) {
        Backtests b = new Backtests(new History(failure), Clock.fixed(T0, ZoneOffset.UTC), CAPS, 20);
        return b.run(new BacktestRequest(autoscaler, new BacktestRequest.Target(namespace, "Deployment", "web"), from,
                to, null, initial));
    }

    static BadInputException refused(HistoryException failure, Map<String, Object> autoscaler, String namespace,
            Instant from, Instant to, Integer initial) {
        try {
            run(failure, autoscaler, namespace, from, to, initial);
        } catch (BadInputException e) {
            return e;
        }
        throw new AssertionError("not refused");
    }

    @Test
    void theCandidateStartsAtTheRecordedReplicaCountUnlessToldOtherwise() {
        BacktestResponse recorded = run(null, SPEC, "shop", T0, T0.plusSeconds(300), null);
        BacktestResponse fromOne = run(null, SPEC, "shop", T0, T0.plusSeconds(300), 1);

        assertThat(recorded.candidate().timeline().get(0).currentReplicas()).isEqualTo(3);
        assertThat(recorded.candidate().timeline().get(0).appliedReplicas()).isEqualTo(4); // 3 x 60 / 50 = 3.6
        assertThat(fromOne.candidate().timeline().get(0).currentReplicas()).isEqualTo(1);
        assertThat(recorded.loadModel()).contains("spread evenly");
    }

    @Test
    void historyFailuresAreAnsweredWithTheirStatusAndField() {
        Instant to = T0.plusSeconds(300);
        BadInputException refusedRange = refused(new HistoryException(HistoryException.Kind.REFUSED, "step",
                "step raw is too fine"), SPEC, "shop", T0, to, null);
        assertThat(refusedRange.status()).isEqualTo(400);
        assertThat(refusedRange.field()).isEqualTo("from");
        assertThat(refusedRange.getMessage()).contains("step raw is too fine");
        assertThat(refused(new HistoryException(HistoryException.Kind.REFUSED, "namespace", "unknown namespace"),
                SPEC, "shop", T0, to, null).field()).isEqualTo("target.namespace");
        BadInputException denied = refused(new HistoryException(HistoryException.Kind.DENIED, null,
                "history-service answered 403: no"), SPEC, "shop", T0, to, null);
        assertThat(denied.status()).isEqualTo(502);
        assertThat(denied.field()).isEqualTo("history");
        assertThat(refused(new HistoryException(HistoryException.Kind.UNAVAILABLE, null, "down"), SPEC, "shop", T0,
                to, null).status()).isEqualTo(503);
        BadInputException many = refused(new HistoryException(HistoryException.Kind.TOO_MANY, null,
                "more than 100 recorded pod samples"), SPEC, "shop", T0, to, null);
        assertThat(many.status()).isEqualTo(400);
        assertThat(many.getMessage()).contains("scalebus.autoscaler.backtest.max-points");
    }

    @Test
    void requestChecksNameTheField() {
        Instant to = T0.plusSeconds(300);
        assertThat(refused(null, SPEC, "elsewhere", T0, to, null).field()).isEqualTo("target");
        assertThat(refused(null, SPEC, "shop", T0, T0.plus(Duration.ofHours(25)), null).getMessage())
                .contains("scalebus.autoscaler.backtest.max-range");
        assertThat(refused(null, SPEC, "shop", T0, to, -1).field()).isEqualTo("initialReplicas");
        assertThat(refused(null, null, "shop", T0, to, null).field()).isEqualTo("autoscaler");
        assertThat(refused(null, SPEC, "", T0, to, null).field()).isEqualTo("target.namespace");
        Map<String, Object> external = Map.of("type", "External", "external", Map.of("metric", Map.of("name", "q"),
                "target", Map.of("type", "Value", "value", "1")));
        Map<String, Object> object = Map.of("kind", "HorizontalAutoscaler", "spec",
                Map.of("maxReplicas", 3, "metrics", List.of(external)));
        assertThat(refused(null, object, "shop", T0, to, null).field()).isEqualTo("autoscaler.spec.metrics[0]");
        assertThat(refused(null, Map.of("maxReplicas", 3, "bogus", 1), "shop", T0, to, null).field())
                .isEqualTo("autoscaler.bogus");
    }
}
