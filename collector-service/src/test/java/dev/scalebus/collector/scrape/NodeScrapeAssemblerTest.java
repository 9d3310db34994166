package dev.scalebus.collector.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebus.collector.kube.PodInfo;
import dev.scalebus.collector.rate.RateTracker;
import dev.scalebus.events.ContainerSample;
import dev.scalebus.events.NodeScrape;
import dev.scalebus.events.OwnerReference;
import dev.scalebus.events.PodSample;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NodeScrapeAssemblerTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant START = T0.minusSeconds(600);

    private final PodInfo web = new PodInfo("uid-web", "n1", Map.of("app", "web"),
            new OwnerReference("ReplicaSet", "web-1"), "Running", true, T0.minusSeconds(500), START, false,
            List.of(new PodInfo.ContainerSpec("envoy", true, 100L, null, 64L << 20, null),
                    new PodInfo.ContainerSpec("web", false, 250L, 1000L, 128L << 20, 256L << 20),
                    new PodInfo.ContainerSpec("log-shipper", false, null, null, null, null)));
    private final NodeScrapeAssembler assembler = new NodeScrapeAssembler(new RateTracker(Duration.ofSeconds(15)),
            (node, ns, name) -> name.equals("web") ? Optional.of(web) : Optional.empty(), new OnceLog());

    @Test
    void reportsPodWithSidecarAndContainerLackingSampleInsteadOfDroppingIt() {
        KubeletSnapshot first = snapshot(T0, 10_000_000_000L, 5_000_000_000L);
        KubeletSnapshot second = snapshot(T0.plusSeconds(15), 13_000_000_000L, 5_750_000_000L);

        assembler.assemble("n1", NodeScrape.SOURCE_METRICS_RESOURCE, T0, 12, first);
        NodeScrape scrape = assembler.assemble("n1", NodeScrape.SOURCE_METRICS_RESOURCE, T0.plusSeconds(15), 9, second);

        PodSample pod = scrape.pods().stream().filter(p -> p.name().equals("web")).findFirst().orElseThrow();
        assertThat(pod.uid()).isEqualTo("uid-web");
        assertThat(pod.owner()).isEqualTo(new OwnerReference("ReplicaSet", "web-1"));
        assertThat(pod.ready()).isTrue();
        assertThat(pod.containers()).extracting(ContainerSample::name).containsExactly("envoy", "web", "log-shipper");
        ContainerSample envoy = pod.containers().get(0);
        assertThat(envoy.sidecar()).isTrue();
        assertThat(envoy.cpuNanoCores()).isEqualTo(50_000_000L);
        assertThat(envoy.windowMillis()).isEqualTo(15_000L);
        assertThat(envoy.cpuRequestMilliCores()).isEqualTo(100L);
        ContainerSample webContainer = pod.containers().get(1);
        assertThat(webContainer.cpuNanoCores()).as("memory only: no rate, still reported").isNull();
        assertThat(webContainer.memoryWorkingSetBytes()).isEqualTo(200L << 20);
        assertThat(webContainer.memoryLimitBytes()).isEqualTo(256L << 20);
        ContainerSample shipper = pod.containers().get(2);
        assertThat(shipper.timestamp()).isNull();
        assertThat(shipper.memoryWorkingSetBytes()).isNull();
        assertThat(scrape.node().cpuNanoCores()).isEqualTo(200_000_000L);
        assertThat(scrape.node().windowMillis()).isEqualTo(15_000L);
        assertThat(scrape.scrapeDurationMillis()).isEqualTo(9);
    }

    @Test
    void leavesOutFinishedInitContainersOfKnownPods() {
        NodeScrape scrape = assembler.assemble("n1", NodeScrape.SOURCE_METRICS_RESOURCE, T0, 1,
                snapshot(T0, 10_000_000_000L, 5_000_000_000L));

        PodSample pod = scrape.pods().stream().filter(p -> p.name().equals("web")).findFirst().orElseThrow();
        assertThat(pod.containers()).extracting(ContainerSample::name).doesNotContain("migrate");
    }

    @Test
    void reportsPodUnknownToTheApiServerWithWhatTheKubeletSaid() {
        NodeScrape scrape = assembler.assemble("n1", NodeScrape.SOURCE_METRICS_RESOURCE, T0, 1,
                snapshot(T0, 10_000_000_000L, 5_000_000_000L));

        PodSample stranger = scrape.pods().stream().filter(p -> p.name().equals("stranger")).findFirst().orElseThrow();
        assertThat(stranger.labels()).isEmpty();
        assertThat(stranger.owner()).isNull();
        assertThat(stranger.containers()).singleElement()
                .satisfies(c -> assertThat(c.memoryWorkingSetBytes()).isEqualTo(1024L));
    }

    @Test
    void newPodHasCpuFromItsFirstSummaryScrape() throws Exception {
        NodeScrape scrape = assembler.assemble("n1", NodeScrape.SOURCE_STATS_SUMMARY, T0, 1,
                SummaryDecoder.decode(Payloads.bytes(Payloads.SUMMARY_MULTI)));

        PodSample kubeDns = scrape.pods().stream().filter(p -> p.name().startsWith("kube-dns")).findFirst()
                .orElseThrow();
        assertThat(kubeDns.containers()).extracting(ContainerSample::cpuNanoCores)
                .containsExactly(479620L, 1214711L, 151900L);
        assertThat(scrape.node().cpuNanoCores()).isEqualTo(228759290L);
        assertThat(scrape.node().memoryRssBytes()).isEqualTo(660684800L);
    }

    private static KubeletSnapshot snapshot(Instant ts, long nodeCpu, long envoyCpu) {
        return new KubeletSnapshot(
                new NodePoint(ts, nodeCpu, null, 4L << 30, null, null, null, null, null, null),
                List.of(new PodPoint("shop", "web", null, null, List.of(
                                new ContainerPoint("envoy", START, ts, envoyCpu, null, 30L << 20),
                                new ContainerPoint("web", START, ts, null, null, 200L << 20),
                                new ContainerPoint("migrate", START, ts, 1_000_000L, null, 1L << 20))),
                        new PodPoint("shop", "stranger", null, null, List.of(
                                new ContainerPoint("c", START, ts, null, null, 1024L)))));
    }
}
