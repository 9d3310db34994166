package dev.scalebus.collector.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceMetricsDecoderTest {

    private static final Instant REQUEST_TIME = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void decodesMetricsServerDecodeTestPayloadToItsExpectedValues() throws Exception {
        KubeletSnapshot snapshot = ResourceMetricsDecoder.decode(Payloads.text(Payloads.COREDNS_PROM), REQUEST_TIME);

        assertThat(snapshot.node().cpuUsageCoreNanoSeconds()).isEqualTo(357354910000L);
        assertThat(snapshot.node().memoryWorkingSetBytes()).isEqualTo(1616273408L);
        assertThat(snapshot.node().timestamp()).isEqualTo(Instant.ofEpochMilli(1633253809720L));
        assertThat(snapshot.pods()).singleElement().satisfies(pod -> {
            assertThat(pod.namespace()).isEqualTo("kube-system");
            assertThat(pod.name()).isEqualTo("coredns-558bd4d5db-4dpjz");
            ContainerPoint c = pod.containers().get(0);
            assertThat(pod.containers()).hasSize(1);
            assertThat(c.name()).isEqualTo("coredns");
            assertThat(c.cpuUsageCoreNanoSeconds()).isEqualTo(4710169000L);
            assertThat(c.memoryWorkingSetBytes()).isEqualTo(12533760L);
            assertThat(c.startTime()).isEqualTo(Instant.parse("2021-10-03T09:18:32Z"));
            assertThat(c.timestamp()).isEqualTo(Instant.ofEpochMilli(1633253812125L));
            assertThat(c.cpuNanoCores()).isNull();
        });
    }

    @Test
    void decodesKindWorkerPayloadWithEveryContainerOfMultiContainerPods() throws Exception {
        KubeletSnapshot snapshot = ResourceMetricsDecoder.decode(Payloads.text(Payloads.KIND_WORKER_PROM), REQUEST_TIME);

        assertThat(snapshot.node().cpuUsageCoreNanoSeconds()).isEqualTo(5716152579000L);
        assertThat(snapshot.node().memoryWorkingSetBytes()).isEqualTo(2642427904L);
        assertThat(snapshot.pods()).hasSize(9);
        assertThat(snapshot.pods().stream().mapToInt(p -> p.containers().size()).sum()).isEqualTo(12);
        PodPoint awxWeb = snapshot.pods().stream().filter(p -> p.name().equals("awx-web-5d5d7ccf85-7jjgm"))
                .findFirst().orElseThrow();
        assertThat(awxWeb.containers()).extracting(ContainerPoint::name)
                .containsExactlyInAnyOrder("awx-rsyslog", "awx-web", "redis");
        ContainerPoint rsyslog = awxWeb.containers().stream().filter(c -> c.name().equals("awx-rsyslog"))
                .findFirst().orElseThrow();
        assertThat(rsyslog.cpuUsageCoreNanoSeconds()).isEqualTo(56167570000L);
        assertThat(rsyslog.memoryWorkingSetBytes()).isEqualTo(162619392L);
        assertThat(rsyslog.startTime()).isEqualTo(Instant.ofEpochSecond(1704801726L, 838995500L));
        assertThat(rsyslog.timestamp()).isEqualTo(Instant.ofEpochMilli(1704815766953L));
    }

    @Test
    void usesRequestTimeWhenSampleHasNoTimestamp() throws Exception {
        String body = """
                node_cpu_usage_seconds_total 12.5
                node_memory_working_set_bytes 2048
                container_cpu_usage_seconds_total{container="c",namespace="ns",pod="p"} 1.5
                container_start_time_seconds{container="c",namespace="ns",pod="p"} 1.7e+09
                """;
        KubeletSnapshot snapshot = ResourceMetricsDecoder.decode(body, REQUEST_TIME);

        assertThat(snapshot.node().timestamp()).isEqualTo(REQUEST_TIME);
        assertThat(snapshot.node().cpuUsageCoreNanoSeconds()).isEqualTo(12_500_000_000L);
        ContainerPoint c = snapshot.pods().get(0).containers().get(0);
        assertThat(c.timestamp()).isEqualTo(REQUEST_TIME);
        assertThat(c.startTime()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
    }

    @Test
    void keepsContainerWithOnlyOneSeriesInsteadOfDroppingThePod() throws Exception {
        String body = """
                container_cpu_usage_seconds_total{container="app",namespace="ns",pod="p"} 3 1000
                container_memory_working_set_bytes{container="app",namespace="ns",pod="p"} 4096 1000
                container_memory_working_set_bytes{container="init",namespace="ns",pod="p"} 1024 1000
                container_cpu_usage_seconds_total{container="zero",namespace="ns",pod="p"} 0 1000
                """;
        KubeletSnapshot snapshot = ResourceMetricsDecoder.decode(body, REQUEST_TIME);

        assertThat(snapshot.node()).isNull();
        List<ContainerPoint> containers = snapshot.pods().get(0).containers();
        assertThat(containers).extracting(ContainerPoint::name).containsExactly("app", "init", "zero");
        assertThat(containers.get(1).cpuUsageCoreNanoSeconds()).isNull();
        assertThat(containers.get(1).memoryWorkingSetBytes()).isEqualTo(1024L);
        assertThat(containers.get(2).cpuUsageCoreNanoSeconds()).as("0 is the kubelet's 'no data'").isNull();
    }

    @Test
    void parsesEscapedLabelValuesAndIgnoresOtherSeries() throws Exception {
        String body = "scrape_error 0\nresource_scrape_error 0\n"
                + "container_memory_working_set_bytes{container=\"a\\\"b\",namespace=\"ns\",pod=\"p\",} 10 5\n";
        KubeletSnapshot snapshot = ResourceMetricsDecoder.decode(body, REQUEST_TIME);

        assertThat(snapshot.pods().get(0).containers().get(0).name()).isEqualTo("a\"b");
    }

    @Test
    void rejectsGarbageNamingTheLine() {
        assertThatThrownBy(() -> ResourceMetricsDecoder.decode("# ok\n<html>oops</html>\n", REQUEST_TIME))
                .isInstanceOf(ScrapeException.class)
                .hasMessageContaining("line 2")
                .satisfies(e -> assertThat(((ScrapeException) e).reason()).isEqualTo(FailureReason.MALFORMED));
    }

    @Test
    void rejectsTruncatedLabelSet() {
        assertThatThrownBy(() -> ResourceMetricsDecoder.decode(
                "container_cpu_usage_seconds_total{container=\"c\",namespace=\"ns", REQUEST_TIME))
                .isInstanceOf(ScrapeException.class).hasMessageContaining("unterminated label value");
    }

    @Test
    void rejectsContainerSeriesWithoutPodLabel() {
        assertThatThrownBy(() -> ResourceMetricsDecoder.decode(
                "container_cpu_usage_seconds_total{container=\"c\",namespace=\"ns\"} 1 1", REQUEST_TIME))
                .isInstanceOf(ScrapeException.class).hasMessageContaining("no 'pod' label");
    }

    @Test
    void rejectsNonNumericValueAndTimestamp() {
        assertThatThrownBy(() -> ResourceMetricsDecoder.decode("node_cpu_usage_seconds_total abc 1", REQUEST_TIME))
                .isInstanceOf(ScrapeException.class).hasMessageContaining("not a number");
        assertThatThrownBy(() -> ResourceMetricsDecoder.decode("node_cpu_usage_seconds_total 1 1.5", REQUEST_TIME))
                .isInstanceOf(ScrapeException.class).hasMessageContaining("not an integer");
        assertThatThrownBy(() -> ResourceMetricsDecoder.decode("node_cpu_usage_seconds_total NaN 1", REQUEST_TIME))
                .isInstanceOf(ScrapeException.class).hasMessageContaining("finite non-negative");
    }
}
