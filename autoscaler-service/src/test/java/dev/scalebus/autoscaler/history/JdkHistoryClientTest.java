package dev.scalebus.autoscaler.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalebus.autoscaler.FakeHistory;
import dev.scalebus.autoscaler.backtest.RecordedPod;
import dev.scalebus.autoscaler.controller.AutoscalerConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JdkHistoryClientTest {

    private static final WorkloadRef WEB = new WorkloadRef(FakeHistory.NAMESPACE, "Deployment", "web");
    private static final Instant FROM = FakeHistory.T0;
    private static final Instant TO = FakeHistory.T0.plusSeconds(600);
    private static final Instant NO_DEADLINE = Instant.MAX;
    private static FakeHistory history;

    @BeforeAll
    static void start() {
        history = FakeHistory.start();
    }

    @AfterAll
    static void stop() {
        history.close();
    }

    static JdkHistoryClient client(String url, Duration slice) {
        return new JdkHistoryClient(new AutoscalerConfig.Backtest() {
            public String historyUrl() {
                return url;
            }

            public String historyTokenFile() {
                return "/nonexistent/token";
            }

            public Duration historyTimeout() {
                return Duration.ofSeconds(2);
            }

            public Duration historySlice() {
                return slice;
            }

            public Duration maxRange() {
                return Duration.ofHours(24);
            }

            public int maxPoints() {
                return 20_000;
            }

            public Duration maxWallTime() {
                return Duration.ofSeconds(10);
            }
        }, Clock.systemUTC());
    }

    @Test
    void samplesAreReadInSlicesFollowingEveryPageWithoutATokenWhenThereIsNoTokenFile() {
        history.forgetRequests();
        List<RecordedPod> rows = client(history.url().toString(), Duration.ofMinutes(4))
                .samples(WEB, FROM, TO, 1000, NO_DEADLINE);

        assertThat(rows).hasSize(2 * FakeHistory.SCRAPES);
        assertThat(rows.get(0)).isEqualTo(new RecordedPod(FROM, "web-a", "Running", true, 400_000_000L, 100L << 20,
                500L, 256L << 20, null));
        List<FakeHistory.Request> asked = history.requests().stream()
                .filter(r -> r.path().startsWith("/api/v1/samples/")).toList();
        // 0-4 min (32 rows: 2 pages), 4-8 min (32: 2 pages), 8-10 min (16: 1 page), pages of 25
        assertThat(asked).extracting(r -> r.query().get("from")).containsExactly(FROM.toString(), FROM.toString(),
                FROM.plusSeconds(240).toString(), FROM.plusSeconds(240).toString(), FROM.plusSeconds(480).toString());
        assertThat(asked).allSatisfy(r -> assertThat(r.authorization()).isNull());
    }

    @Test
    void moreRowsThanAllowedStopReading() {
        assertThatThrownBy(() -> client(history.url().toString(), Duration.ofHours(1))
                .samples(WEB, FROM, TO, 50, NO_DEADLINE))
                .isInstanceOfSatisfying(HistoryException.class,
                        e -> assertThat(e.kind()).isEqualTo(HistoryException.Kind.TOO_MANY));
    }

    @Test
    void decisionsAreTheStoredDecisionsOfTheTarget() {
        var points = client(history.url().toString(), Duration.ofHours(1)).decisions(WEB, FROM, TO, NO_DEADLINE);

        assertThat(points).singleElement().satisfies(p -> {
            assertThat(p.time()).isEqualTo(FROM.plusSeconds(60));
            assertThat(p.appliedReplicas()).isNull();
            assertThat(p.metrics().get(0).utilizationPercent()).isEqualTo(80);
            assertThat(p.metrics().get(0).targetPercent()).isEqualTo(90);
        });
    }

    @Test
    void aClosedPortIsUnavailable() throws Exception {
        int port;
        try (var s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        JdkHistoryClient nobody = client("http://127.0.0.1:" + port, Duration.ofHours(1));

        assertThatThrownBy(() -> nobody.samples(WEB, FROM, TO, 10, NO_DEADLINE))
                .isInstanceOfSatisfying(HistoryException.class,
                        e -> assertThat(e.kind()).isEqualTo(HistoryException.Kind.UNAVAILABLE));
    }
}
