package dev.scalebus.collector.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SummaryDecoderTest {

    @Test
    void decodesKubernetes135SummaryNodeWithNetworkSummedOverInterfaces() throws Exception {
        KubeletSnapshot snapshot = SummaryDecoder.decode(Payloads.bytes(Payloads.SUMMARY_1_35));

        NodePoint node = snapshot.node();
        assertThat(node.timestamp()).isEqualTo(Instant.parse("2026-06-26T10:14:35Z"));
        assertThat(node.cpuNanoCores()).isEqualTo(573081903L);
        assertThat(node.cpuUsageCoreNanoSeconds()).isEqualTo(62148052000L);
        assertThat(node.memoryWorkingSetBytes()).isEqualTo(917110784L);
        assertThat(node.memoryUsageBytes()).isEqualTo(3080323072L);
        assertThat(node.memoryRssBytes()).isEqualTo(710361088L);
        assertThat(node.networkRxBytes()).isEqualTo(772921510L);
        assertThat(node.networkTxBytes()).isEqualTo(13888023L);
        assertThat(node.fsUsedBytes()).isEqualTo(106943070208L);
        assertThat(node.fsCapacityBytes()).isEqualTo(977896124416L);
        assertThat(snapshot.pods()).hasSize(17);
        PodPoint coredns = snapshot.pods().stream().filter(p -> p.name().equals("coredns-7d764666f9-qdcxt"))
                .findFirst().orElseThrow();
        assertThat(coredns.uid()).isEqualTo("36447428-81f8-45eb-b825-414de2e8012b");
        assertThat(coredns.startTime()).isEqualTo(Instant.parse("2026-06-26T10:12:40Z"));
        assertThat(coredns.containers()).singleElement().satisfies(c -> {
            assertThat(c.cpuUsageCoreNanoSeconds()).isEqualTo(165531000L);
            assertThat(c.cpuNanoCores()).isEqualTo(905223L);
            assertThat(c.memoryWorkingSetBytes()).isEqualTo(16232448L);
            assertThat(c.timestamp()).isEqualTo(Instant.parse("2026-06-26T10:14:32Z"));
        });
    }

    @Test
    void decodesOldMultiContainerSummaryWithEveryContainer() throws Exception {
        KubeletSnapshot snapshot = SummaryDecoder.decode(Payloads.bytes(Payloads.SUMMARY_MULTI));

        assertThat(snapshot.node().cpuNanoCores()).isEqualTo(228759290L);
        assertThat(snapshot.node().cpuUsageCoreNanoSeconds()).isEqualTo(22332102208229L);
        assertThat(snapshot.node().networkRxBytes()).isEqualTo(1507694406L + 5354431L);
        assertThat(snapshot.node().networkTxBytes()).isEqualTo(120789968L + 302062791L);
        assertThat(snapshot.node().fsUsedBytes()).isEqualTo(1355673600L);
        assertThat(snapshot.pods()).hasSize(8);
        PodPoint kubeDns = snapshot.pods().stream().filter(p -> p.name().equals("kube-dns-54cccfbdf8-dznm7"))
                .findFirst().orElseThrow();
        assertThat(kubeDns.containers()).extracting(ContainerPoint::name)
                .containsExactly("kubedns", "sidecar", "dnsmasq");
        ContainerPoint sidecar = kubeDns.containers().get(1);
        assertThat(sidecar.cpuUsageCoreNanoSeconds()).isEqualTo(57903101656L);
        assertThat(sidecar.cpuNanoCores()).isEqualTo(1214711L);
        assertThat(sidecar.memoryWorkingSetBytes()).isEqualTo(11124736L);
        assertThat(sidecar.startTime()).isEqualTo(Instant.parse("2018-03-01T14:30:30Z"));
    }

    @Test
    void usesTopLevelNetworkWhenNoInterfaceList() throws Exception {
        String json = "{\"node\":{\"nodeName\":\"n\",\"network\":{\"rxBytes\":5,\"txBytes\":7}}}";
        KubeletSnapshot snapshot = SummaryDecoder.decode(json.getBytes(StandardCharsets.UTF_8));

        assertThat(snapshot.node().networkRxBytes()).isEqualTo(5L);
        assertThat(snapshot.node().networkTxBytes()).isEqualTo(7L);
        assertThat(snapshot.pods()).isEmpty();
    }

    @Test
    void rejectsTruncatedJson() {
        byte[] full = Payloads.bytes(Payloads.SUMMARY_MULTI);
        byte[] truncated = java.util.Arrays.copyOf(full, full.length / 2);
        assertThatThrownBy(() -> SummaryDecoder.decode(truncated))
                .isInstanceOf(ScrapeException.class).hasMessageContaining("not valid JSON");
    }

    @Test
    void rejectsWrongTypesNamingThePath() {
        assertThatThrownBy(() -> decode("{\"node\":{\"cpu\":{\"usageNanoCores\":\"lots\"}}}"))
                .hasMessageContaining("node.cpu.usageNanoCores");
        assertThatThrownBy(() -> decode("{\"node\":{},\"pods\":[{\"containers\":[]}]}"))
                .hasMessageContaining("pods[0].podRef needs a name");
        assertThatThrownBy(() -> decode("{\"node\":{},\"pods\":{}}")).hasMessageContaining("'pods' is not an array");
        assertThatThrownBy(() -> decode("[]")).hasMessageContaining("root is not an object");
        assertThatThrownBy(() -> decode("{\"pods\":[]}")).hasMessageContaining("'node' is missing");
        assertThatThrownBy(() -> decode("{\"node\":{\"cpu\":{\"time\":\"yesterday\"}}}"))
                .hasMessageContaining("RFC 3339");
        assertThatThrownBy(() -> decode("{\"node\":{}} trailing")).hasMessageContaining("not valid JSON");
    }

    private static KubeletSnapshot decode(String json) throws ScrapeException {
        return SummaryDecoder.decode(json.getBytes(StandardCharsets.UTF_8));
    }
}
