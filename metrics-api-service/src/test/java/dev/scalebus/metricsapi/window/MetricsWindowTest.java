package dev.scalebus.metricsapi.window;

import static dev.scalebus.metricsapi.Scrapes.container;
import static dev.scalebus.metricsapi.Scrapes.containerWithoutRate;
import static dev.scalebus.metricsapi.Scrapes.pod;
import static dev.scalebus.metricsapi.Scrapes.scrape;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsWindowTest {

    private static final Instant T0 = Instant.parse("2026-11-22T01:00:00Z");
    private final MutableClock clock = new MutableClock(T0);
    private final MetricsWindow window = new MetricsWindow(clock, Duration.ofSeconds(40));

    @Test
    void servesTheLatestNodePoint() {
        window.accept(scrape("n1", T0, 100, 1024));
        window.accept(scrape("n1", T0.plusSeconds(15), 200, 2048));

        NodePoint p = window.node("n1").orElseThrow();
        assertThat(p.cpuNanoCores()).isEqualTo(200);
        assertThat(p.memoryWorkingSetBytes()).isEqualTo(2048);
        assertThat(p.windowMillis()).isEqualTo(20_064);
        assertThat(p.timestampMillis()).isEqualTo(T0.plusSeconds(14).toEpochMilli());
    }

    @Test
    void ignoresAScrapeOlderThanTheOneHeld() {
        window.accept(scrape("n1", T0.plusSeconds(15), 200, 2048));
        window.accept(scrape("n1", T0, 100, 1024));

        assertThat(window.node("n1").orElseThrow().cpuNanoCores()).isEqualTo(200);
        assertThat(window.staleScrapes()).isEqualTo(1);
    }

    @Test
    void podTakesTheEarliestContainerTimestampAndItsWindow() {
        window.accept(scrape("n1", T0, 1, 1, pod("ns", "p", Map.of("app", "web"),
                container("a", T0.minusSeconds(2), 15_000, 10, 4096),
                container("b", T0.minusSeconds(5), 14_500, 20, 8192))));

        PodPoint p = window.pod(new PodKey("ns", "p")).orElseThrow();
        assertThat(p.timestampMillis()).isEqualTo(T0.minusSeconds(5).toEpochMilli());
        assertThat(p.windowMillis()).isEqualTo(14_500);
        assertThat(p.labels()).containsExactly(Map.entry("app", "web"));
        assertThat(p.containers()).containsExactly(new ContainerUsage("a", 10, 4096), new ContainerUsage("b", 20, 8192));
    }

    @Test
    void withholdsAPodWhileAnyContainerHasNoRate() {
        window.accept(scrape("n1", T0, 1, 1, pod("ns", "p", Map.of(),
                container("a", T0, 15_000, 10, 4096), containerWithoutRate("sidecar", T0, 100))));

        assertThat(window.pod(new PodKey("ns", "p"))).isEmpty();
        assertThat(window.pods("ns")).isEmpty();
        assertThat(window.incompletePods()).isEqualTo(1);

        window.accept(scrape("n1", T0.plusSeconds(15), 1, 1, pod("ns", "p", Map.of(),
                container("a", T0.plusSeconds(15), 15_000, 10, 4096),
                container("sidecar", T0.plusSeconds(15), 15_000, 3, 100))));
        assertThat(window.pod(new PodKey("ns", "p"))).isPresent();
    }

    @Test
    void servesRunningPodsOnlyAsMetricsServersInformer() {
        dev.scalebus.events.PodSample succeeded = new dev.scalebus.events.PodSample("ns", "job-1", "u", Map.of(),
                null, "Succeeded", false, null, null, false, java.util.List.of(container("c", T0, 15_000, 1, 1)));
        window.accept(scrape("n1", T0, 1, 1, succeeded, pod("ns", "web", Map.of(), container("c", T0, 15_000, 1, 1))));

        assertThat(window.pods("ns")).extracting(p -> p.key().name()).containsExactly("web");
    }

    @Test
    void dropsAPodMissingFromItsNodesNextScrape() {
        window.accept(scrape("n1", T0, 1, 1, pod("ns", "a", Map.of(), container("c", T0, 15_000, 1, 1)),
                pod("ns", "b", Map.of(), container("c", T0, 15_000, 1, 1))));
        window.accept(scrape("n1", T0.plusSeconds(15), 1, 1, pod("ns", "b", Map.of(),
                container("c", T0.plusSeconds(15), 15_000, 1, 1))));

        assertThat(window.pods(null)).extracting(p -> p.key().name()).containsExactly("b");
    }

    @Test
    void aPodThatMovedNodesIsNotDroppedByItsOldNode() {
        window.accept(scrape("n1", T0, 1, 1, pod("ns", "s-0", Map.of(), container("c", T0, 15_000, 1, 1))));
        window.accept(scrape("n2", T0.plusSeconds(10), 1, 1, pod("ns", "s-0", Map.of(),
                container("c", T0.plusSeconds(10), 15_000, 7, 1))));
        window.accept(scrape("n1", T0.plusSeconds(15), 1, 1));

        assertThat(window.pod(new PodKey("ns", "s-0")).orElseThrow().containers().get(0).cpuNanoCores())
                .isEqualTo(7);
    }

    @Test
    void forgetsNodesAndPodsNotSeenForTheExpiryTime() {
        window.accept(scrape("n1", T0, 1, 1, pod("ns", "a", Map.of(), container("c", T0, 15_000, 1, 1))));
        window.accept(scrape("n2", T0.plusSeconds(30), 1, 1));
        clock.advance(Duration.ofSeconds(41));

        assertThat(window.node("n1")).as("expired on read before any sweep").isEmpty();
        assertThat(window.pods(null)).isEmpty();
        assertThat(window.nodes()).extracting(NodePoint::name).containsExactly("n2");

        assertThat(window.expire()).isEqualTo(2);
        assertThat(window.nodeCount()).isEqualTo(1);
        assertThat(window.podCount()).isZero();
    }

    @Test
    void listsSortedByNamespaceThenName() {
        window.accept(scrape("n2", T0, 1, 1, pod("b", "a", Map.of(), container("c", T0, 15_000, 1, 1)),
                pod("a", "z", Map.of(), container("c", T0, 15_000, 1, 1))));
        window.accept(scrape("n1", T0, 1, 1, pod("a", "b", Map.of(), container("c", T0, 15_000, 1, 1))));

        assertThat(window.pods(null)).extracting(p -> p.key().toString()).containsExactly("a/b", "a/z", "b/a");
        assertThat(window.pods("a")).hasSize(2);
        assertThat(window.nodes()).extracting(NodePoint::name).containsExactly("n1", "n2");
    }

    @Test
    void aNodeWithoutUsageIsNotServed() {
        window.accept(scrape("n1", T0, 1, 1));
        window.accept(dev.scalebus.events.NodeScrape.of("n1", T0.plusSeconds(15), 1, "/metrics/resource", null,
                java.util.List.of()));

        assertThat(window.node("n1")).isEmpty();
    }

    @Test
    void aFarFutureScrapeDoesNotPinTheNode() {
        window.accept(scrape("n1", T0, 100, 1024));
        window.accept(scrape("n1", Instant.parse("2030-01-01T00:00:00Z"), 3_999_000_000L, 1));
        window.accept(scrape("n1", T0.plusSeconds(15), 200, 2048));

        assertThat(window.node("n1").orElseThrow().cpuNanoCores()).isEqualTo(200);
        assertThat(window.rejected(Rejection.FUTURE_TIME)).isEqualTo(1);
        assertThat(window.staleScrapes()).isZero();
    }

    @Test
    void aFarPastScrapeIsNotServedAndEvictsNothing() {
        window.accept(scrape("n1", T0, 100, 1024, pod("ns", "p", Map.of(), container("c", T0, 15_000, 5, 1))));
        Instant past = Instant.parse("2001-01-01T00:00:00Z");
        window.accept(scrape("n1", past, 1, 1));
        window.accept(scrape("n2", past, 1, 1, pod("ns", "p", Map.of(), container("c", past, 15_000, 9, 1))));

        assertThat(window.node("n1").orElseThrow().cpuNanoCores()).isEqualTo(100);
        assertThat(window.node("n2")).isEmpty();
        assertThat(window.nodeCount()).isEqualTo(1);
        assertThat(window.pod(new PodKey("ns", "p")).orElseThrow().containers().get(0).cpuNanoCores()).isEqualTo(5);
        assertThat(window.rejected(Rejection.TOO_OLD)).isEqualTo(2);
    }

    @Test
    void aLateScrapeOfAPodsOldNodeDoesNotReplaceWhatItsNewNodeReported() {
        window.accept(scrape("n2", T0.plusSeconds(10), 1, 1, pod("ns", "s-0", Map.of(),
                container("c", T0.plusSeconds(10), 15_000, 7, 1))));
        window.accept(scrape("n1", T0, 1, 1, pod("ns", "s-0", Map.of(), container("c", T0, 15_000, 1, 1))));

        assertThat(window.pod(new PodKey("ns", "s-0")).orElseThrow().containers().get(0).cpuNanoCores())
                .isEqualTo(7);
    }
}
