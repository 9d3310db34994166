package dev.scalebus.simulator.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scalebus.simulator.workload.DeploymentWorkload;
import dev.scalebus.simulator.workload.LoadProfile;
import dev.scalebus.simulator.workload.SimContainer;
import dev.scalebus.simulator.workload.SimPod;
import dev.scalebus.simulator.workload.UsageModel;
import dev.scalebus.simulator.workload.WorkloadSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Our kubelet output against real kubelet payloads (copied byte for byte from ../shared/kubelet-payloads into src/test/resources/kubelet-payloads; SOURCES.md there says where each came from). */
class KubeletPayloadShapeTest {

    private static final Path PAYLOADS = Path.of("src/test/resources/kubelet-payloads");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RFC3339_SECONDS = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    private static final Instant T0 = Instant.parse("2026-06-26T10:00:00Z");
    private static NodeSnapshot snapshot;

    @BeforeAll
    static void simulateANode() throws Exception {
        SimNode node = new SimNode("node-a", InetAddress.getByName("127.9.0.1"), 10250, 4000, 8L << 30, T0);
        DeploymentWorkload web = new DeploymentWorkload("shop", "web", WorkloadSpec.DEFAULT,
                new LoadProfile.Constant(50), T0, 1.0);
        SimPod pod = new SimPod("shop", "web-7d9f-abcde", "uid-1", "node-a", Map.of("app", "web"),
                List.of(new SimContainer("web", 50, 0, 200L << 20, T0), new SimContainer("sidecar", 10, 0, 0, T0)),
                T0, web);
        node.addPod(pod);
        web.addPod(pod, T0);
        web.markReady(pod, T0.plusSeconds(5));
        SimPod filler = new SimPod("kube-system", "kube-proxy-x", "uid-2", "node-a", Map.of(),
                List.of(new SimContainer("kube-proxy", 0, 0, 0, T0)), T0, UsageModel.constant(3, 30L << 20));
        node.addPod(filler);
        snapshot = node.sample(T0.plus(Duration.ofMinutes(10)));
    }

    @Test
    void summaryUsesOnlyFieldNamesNestingAndTypesOfTheRealSummaryApi() throws IOException {
        JsonNode ours = JSON.readTree(summary());
        JsonNode real = JSON.readTree(Files.readString(PAYLOADS.resolve("stats-summary.k8s-1.35.minikube.json")));
        JsonNode old = JSON.readTree(Files.readString(PAYLOADS.resolve("stats-summary.minikube.multi-container.json")));
        Map<String, String> realShape = new LinkedHashMap<>();
        shape("", real, realShape);
        shape("", old, realShape);
        Map<String, String> ourShape = new LinkedHashMap<>();
        shape("", ours, ourShape);
        ourShape.forEach((path, type) -> assertThat(realShape).as("real payloads have " + path).containsEntry(path, type));
    }

    @Test
    void summaryCarriesTheFieldsMetricsConsumersRead() throws IOException {
        Map<String, String> ourShape = new LinkedHashMap<>();
        shape("", JSON.readTree(summary()), ourShape);
        assertThat(ourShape.keySet()).contains(
                ".node.nodeName", ".node.startTime", ".node.cpu.time", ".node.cpu.usageNanoCores",
                ".node.cpu.usageCoreNanoSeconds", ".node.memory.workingSetBytes", ".node.memory.usageBytes",
                ".node.memory.rssBytes", ".node.memory.availableBytes", ".node.network.rxBytes", ".node.network.txBytes",
                ".node.fs.usedBytes", ".node.fs.capacityBytes", ".node.systemContainers[].name",
                ".pods[].podRef.name", ".pods[].podRef.namespace", ".pods[].podRef.uid", ".pods[].startTime",
                ".pods[].cpu.usageCoreNanoSeconds", ".pods[].memory.workingSetBytes",
                ".pods[].containers[].name", ".pods[].containers[].startTime",
                ".pods[].containers[].cpu.usageNanoCores", ".pods[].containers[].cpu.usageCoreNanoSeconds",
                ".pods[].containers[].memory.workingSetBytes", ".pods[].containers[].rootfs.usedBytes",
                ".pods[].containers[].logs.usedBytes", ".pods[].ephemeral-storage.usedBytes");
    }

    @Test
    void summaryTimesAreRfc3339SecondsAndUnitsAreNanosAndBytes() throws IOException {
        JsonNode ours = JSON.readTree(summary());
        assertThat(ours.path("node").path("cpu").path("time").asText()).matches(RFC3339_SECONDS);
        assertThat(ours.path("pods").path(0).path("startTime").asText()).matches(RFC3339_SECONDS);
        JsonNode web = ours.path("pods").path(0).path("containers").path(0);
        assertThat(web.path("name").asText()).isEqualTo("web");
        // 50 rps x 1 millicore-second + 2 idle millicores = 52 millicores = 52,000,000 nanocores
        assertThat(web.path("cpu").path("usageNanoCores").asLong()).isEqualTo(52_000_000L);
        assertThat(web.path("memory").path("workingSetBytes").asLong()).isGreaterThan(64L << 20);
    }

    @Test
    void resourceMetricsHaveTheKubeletsFamiliesHelpTypeLabelsAndTimestamps() throws IOException {
        String real = Files.readString(PAYLOADS.resolve("metrics-resource.kind-worker.2024-01.prom"));
        String ours = resource();
        assertThat(headerLines(ours)).isEqualTo(headerLines(real));
        assertThat(familyLabels(ours)).isEqualTo(familyLabels(real));
        assertThat(timestamped(ours)).isEqualTo(timestamped(real));
        for (String line : ours.split("\n")) {
            if (!line.startsWith("#")) {
                String value = line.split(" ")[1];
                Double.parseDouble(value);
            }
        }
    }

    @Test
    void resourceMetricsAgreeWithTheSummaryForTheSameReading() throws IOException {
        JsonNode summary = JSON.readTree(summary());
        String ours = resource();
        long podCpuNanos = summary.path("pods").path(0).path("cpu").path("usageCoreNanoSeconds").asLong();
        String podName = summary.path("pods").path(0).path("podRef").path("name").asText();
        String line = ours.lines().filter(l -> l.startsWith("pod_cpu_usage_seconds_total{namespace=\"shop\",pod=\""
                + podName + "\"}")).findFirst().orElseThrow();
        assertThat(Math.round(Double.parseDouble(line.split(" ")[1]) * 1e9)).isEqualTo(podCpuNanos);
        assertThat(line.split(" ")[2]).isEqualTo(String.valueOf(snapshot.at().toEpochMilli()));
        long nodeNanos = summary.path("node").path("cpu").path("usageCoreNanoSeconds").asLong();
        String node = ours.lines().filter(l -> l.startsWith("node_cpu_usage_seconds_total ")).findFirst().orElseThrow();
        assertThat(Math.round(Double.parseDouble(node.split(" ")[1]) * 1e9)).isEqualTo(nodeNanos);
    }

    private static String summary() {
        StringBuilder sb = new StringBuilder();
        SummaryRenderer.render(snapshot, sb);
        return sb.toString();
    }

    private static String resource() {
        StringBuilder sb = new StringBuilder();
        MetricsResourceRenderer.render(snapshot, sb);
        return sb.toString();
    }

    /** Path -> JSON type; arrays as [] so every element contributes to one shape. */
    private static void shape(String path, JsonNode node, Map<String, String> out) {
        out.putIfAbsent(path, node.isNumber() ? "number" : node.getNodeType().name());
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                shape(path + "." + e.getKey(), e.getValue(), out);
            }
        } else if (node.isArray()) {
            node.forEach(element -> shape(path + "[]", element, out));
        }
    }

    private static List<String> headerLines(String text) {
        return text.lines().filter(l -> l.startsWith("#")).toList();
    }

    private static Map<String, Set<String>> familyLabels(String text) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (String line : text.lines().filter(l -> !l.startsWith("#")).toList()) {
            int brace = line.indexOf('{');
            String name = brace < 0 ? line.substring(0, line.indexOf(' ')) : line.substring(0, brace);
            Set<String> labels = new TreeSet<>();
            if (brace >= 0) {
                for (String pair : line.substring(brace + 1, line.indexOf('}')).split(",")) {
                    labels.add(pair.substring(0, pair.indexOf('=')));
                }
            }
            out.computeIfAbsent(name, k -> new LinkedHashSet<>()).addAll(labels);
        }
        return out;
    }

    private static Set<String> timestamped(String text) {
        Set<String> out = new TreeSet<>();
        List<String> untimed = new ArrayList<>();
        for (String line : text.lines().filter(l -> !l.startsWith("#")).toList()) {
            String name = line.split("[{ ]")[0];
            if (line.substring(line.lastIndexOf('}') + 1).trim().split(" ").length == 2) {
                out.add(name);
            } else {
                untimed.add(name);
            }
        }
        out.removeAll(untimed);
        return out;
    }
}
