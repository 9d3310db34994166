package dev.scalebus.metricsapi.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scalebus.events.Quantity;
import dev.scalebus.metricsapi.window.ContainerUsage;
import dev.scalebus.metricsapi.window.NodePoint;
import dev.scalebus.metricsapi.window.PodKey;
import dev.scalebus.metricsapi.window.PodPoint;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Rebuilds real metrics-server responses (../shared/kubelet-payloads) from the values they carry and compares the
 * JSON field by field, in field order. selfLink (gone since k8s.io/apiserver 1.20) is removed from the old captures.
 */
class MetricsJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void nodeMetricsMatchesMetricsServerV06Capture() throws IOException {
        JsonNode expected = read("nodemetrics.ub18.metrics-server-v0.6plus.json");
        NodePoint point = nodePoint(expected);

        Map<String, Object> actual = MetricsJson.node(point, labels(expected.get("metadata")),
                Instant.parse(expected.at("/metadata/creationTimestamp").asText()), true);

        assertSameJson(actual, expected);
    }

    @Test
    void podMetricsMatchesDocsSample() throws IOException {
        JsonNode expected = withoutSelfLinks(read("podmetrics.kube-scheduler-minikube.k8s-website.json"));

        Map<String, Object> actual = MetricsJson.pod(podPoint(expected),
                Instant.parse(expected.at("/metadata/creationTimestamp").asText()), true);

        assertSameJson(actual, expected);
    }

    @Test
    void podMetricsListMatchesGkeCaptureIncludingMultiContainerPods() throws IOException {
        JsonNode expected = withoutSelfLinks(read("podmetricslist.gke.metrics-server-v0.3.6.json"));
        List<Map<String, Object>> items = new ArrayList<>();
        for (JsonNode item : expected.get("items")) {
            items.add(MetricsJson.pod(podPoint(item), Instant.parse(item.at("/metadata/creationTimestamp").asText()),
                    false));
        }

        assertSameJson(MetricsJson.list("PodMetricsList", items), expected);
    }

    @Test
    void nodeMetricsListMatchesGkeCapture() throws IOException {
        JsonNode expected = withoutSelfLinks(read("nodemetricslist.gke.metrics-server-v0.3.6.json"));
        List<Map<String, Object>> items = new ArrayList<>();
        for (JsonNode item : expected.get("items")) {
            items.add(MetricsJson.node(nodePoint(item), Map.of(),
                    Instant.parse(item.at("/metadata/creationTimestamp").asText()), false));
        }

        assertSameJson(MetricsJson.list("NodeMetricsList", items), expected);
    }

    @Test
    void quantitiesPrintAsMetricsServerPrintsThem() {
        assertThat(MetricsJson.usage(1_938_555, 1_005_736L * 1024))
                .containsEntry("cpu", "1938555n").containsEntry("memory", "1005736Ki");
        assertThat(MetricsJson.usage(0, 1000)).containsEntry("cpu", "0").containsEntry("memory", "1k");
        assertThat(MetricsJson.usage(5_000_000, 1025)).containsEntry("cpu", "5m").containsEntry("memory", "1025");
        assertThat(MetricsJson.usage(2_000_000_000L, 2L << 30)).containsEntry("cpu", "2").containsEntry("memory",
                "2Gi");
    }

    private static NodePoint nodePoint(JsonNode n) {
        return new NodePoint(n.at("/metadata/name").asText(), Instant.parse(n.get("timestamp").asText()).toEpochMilli(),
                windowMillis(n.get("window").asText()), nanos(n.at("/usage/cpu").asText()),
                bytes(n.at("/usage/memory").asText()), 0);
    }

    private static PodPoint podPoint(JsonNode p) {
        List<ContainerUsage> containers = new ArrayList<>();
        for (JsonNode c : p.get("containers")) {
            containers.add(new ContainerUsage(c.get("name").asText(), nanos(c.at("/usage/cpu").asText()),
                    bytes(c.at("/usage/memory").asText())));
        }
        return new PodPoint(new PodKey(p.at("/metadata/namespace").asText(), p.at("/metadata/name").asText()),
                labels(p.get("metadata")), Instant.parse(p.get("timestamp").asText()).toEpochMilli(),
                windowMillis(p.get("window").asText()), containers);
    }

    private static Map<String, String> labels(JsonNode metadata) {
        Map<String, String> labels = new TreeMap<>();
        if (metadata.has("labels")) {
            metadata.get("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        }
        return labels;
    }

    private static long nanos(String cpu) {
        return Quantity.parse(cpu).nanoValue();
    }

    private static long bytes(String memory) {
        return Quantity.parse(memory).value();
    }

    /** The captures only hold "<seconds>[.<ms>]s" windows. */
    private static long windowMillis(String window) {
        return new BigDecimal(window.substring(0, window.length() - 1)).movePointRight(3).longValueExact();
    }

    private static void assertSameJson(Map<String, Object> actual, JsonNode expected) {
        JsonNode tree = MAPPER.valueToTree(actual);
        assertThat(tree).isEqualTo(expected);
        assertThat(fieldOrder(tree)).isEqualTo(fieldOrder(expected));
    }

    private static List<String> fieldOrder(JsonNode node) {
        List<String> names = new ArrayList<>();
        collect(node, "", names);
        return names;
    }

    private static void collect(JsonNode node, String path, List<String> names) {
        if (node.isObject()) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
                String name = it.next();
                if (!path.endsWith("/labels")) {
                    names.add(path + "/" + name);
                }
                collect(node.get(name), path + "/" + name, names);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), path + "/" + i, names);
            }
        }
    }

    private static JsonNode withoutSelfLinks(JsonNode node) {
        if (node.isObject()) {
            ((ObjectNode) node).remove("selfLink");
            node.forEach(MetricsJsonTest::withoutSelfLinks);
        } else if (node.isArray()) {
            node.forEach(MetricsJsonTest::withoutSelfLinks);
        }
        return node;
    }

    private static JsonNode read(String name) throws IOException {
        try (InputStream in = MetricsJsonTest.class.getResourceAsStream("/payloads/" + name)) {
            return MAPPER.readTree(in);
        }
    }
}
