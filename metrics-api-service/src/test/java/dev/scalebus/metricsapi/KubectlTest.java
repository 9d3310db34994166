package dev.scalebus.metricsapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real kubectl (v1.32) against the test server through a kubeconfig with a bearer token, with its default
 * protobuf-first Accept header. {@code kubectl top node} is not run: it also reads /api/v1/nodes, which only the
 * cluster-simulator's aggregator proxy serves.
 */
@QuarkusTest
class KubectlTest {

    @KubernetesTestServer
    KubernetesServer apiServer;

    @TestHTTPResource(value = "/", tls = true)
    URL https;

    private Path kubeconfig;
    private Path cacheDir;

    @BeforeEach
    void setUp() throws IOException {
        ApiServerMock.install(apiServer);
        TestData.publishOnce();
        Path dir = Files.createTempDirectory("kubectl-" + TestData.ID);
        cacheDir = dir.resolve("cache");
        kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: scalebus
                  cluster:
                    server: https://127.0.0.1:%d
                    insecure-skip-tls-verify: true
                users:
                - name: alice
                  user:
                    token: %s
                contexts:
                - name: test
                  context:
                    cluster: scalebus
                    user: alice
                    namespace: %s
                current-context: test
                """.formatted(https.getPort(), ApiServerMock.RBAC_TOKEN, TestData.NS));
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> kubectl("top", "pod").contains("web-2"));
    }

    @Test
    void getRawListsTheNodeMetrics() throws Exception {
        JsonNode list = new ObjectMapper().readTree(kubectl("get", "--raw", "/apis/metrics.k8s.io/v1beta1/nodes"));
        assertThat(list.get("kind").asText()).isEqualTo("NodeMetricsList");
        JsonNode a = null;
        for (JsonNode item : list.get("items")) {
            if (item.at("/metadata/name").asText().equals(TestData.NODE_A)) {
                a = item;
            }
        }
        assertThat(a).isNotNull();
        assertThat(a.at("/usage/cpu").asText()).isEqualTo("329087452n");
        assertThat(a.get("window").asText()).isEqualTo("20.064s");
    }

    @Test
    void topPodPrintsEveryPodOfTheNamespace() throws Exception {
        List<List<String>> rows = table(kubectl("top", "pod", "-n", TestData.NS));
        assertThat(rows.get(0)).containsExactly("NAME", "CPU(cores)", "MEMORY(bytes)");
        assertThat(rows.subList(1, rows.size())).containsExactly(
                List.of("db-0", "1000m", "1024Mi"),
                List.of("web-1", "3m", "1006Mi"),
                List.of("web-2", "250m", "100Mi"));
    }

    @Test
    void topPodContainersPrintsEachContainer() throws Exception {
        List<List<String>> rows = table(kubectl("top", "pod", "--containers", "-l", "app=web"));
        assertThat(rows.get(0)).containsExactly("POD", "NAME", "CPU(cores)", "MEMORY(bytes)");
        assertThat(rows.subList(1, rows.size())).containsExactly(
                List.of("web-1", "app", "2m", "982Mi"),
                List.of("web-1", "sidecar", "1m", "24Mi"),
                List.of("web-2", "app", "250m", "100Mi"));
    }

    @Test
    void topPodPassesFieldSelectorsAndAllNamespacesToTheMetricsApi() throws Exception {
        List<List<String>> one = table(kubectl("top", "pod", "--field-selector", "metadata.name=web-2"));
        assertThat(one.subList(1, one.size())).containsExactly(List.of("web-2", "250m", "100Mi"));

        List<List<String>> all = table(kubectl("top", "pod", "-A", "-l", "app=web"));
        assertThat(all.get(0)).containsExactly("NAMESPACE", "NAME", "CPU(cores)", "MEMORY(bytes)");
        assertThat(all).contains(List.of(TestData.NS, "web-1", "3m", "1006Mi"),
                List.of(TestData.NS_OTHER, "other-0", "1m", "0Mi"));
    }

    @Test
    void getPodMetricsPrintsTheServersTable() throws Exception {
        List<List<String>> rows = table(kubectl("get", "pods.metrics.k8s.io", "-n", TestData.NS));
        assertThat(rows.get(0)).containsExactly("NAME", "CPU", "MEMORY", "WINDOW");
        assertThat(rows.subList(1, rows.size())).containsExactly(
                List.of("db-0", "1", "1Gi", "15s"),
                List.of("web-1", "2643150n", "1030452Ki", "14.5s"),
                List.of("web-2", "250m", "100Mi", "20.064s"));
    }

    @Test
    void topPodDecodesTheProtobufAnswerKubectlAsksFor() throws Exception {
        String log = kubectl("top", "pod", "-n", TestData.NS, "-v=8");
        assertThat(log).contains("Accept: application/vnd.kubernetes.protobuf")
                .contains("Content-Type: application/vnd.kubernetes.protobuf")
                .containsPattern("web-1\\s+3m\\s+1006Mi");
    }

    private static List<List<String>> table(String output) {
        List<List<String>> rows = new ArrayList<>();
        output.lines().filter(l -> !l.isBlank()).forEach(l -> rows.add(List.of(l.trim().split("\\s+"))));
        return rows;
    }

    @Test
    void getRawServesTheHpasCustomAndExternalPaths() throws Exception {
        CustomData.publishOnce();
        ObjectMapper json = new ObjectMapper();
        String pods = "/apis/custom.metrics.k8s.io/v1beta2/namespaces/" + CustomData.NS
                + "/pods/*/http_requests?labelSelector=app%3Dworker";
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> assertThat(
                json.readTree(kubectl("get", "--raw", pods)).at("/items/0/describedObject/name").asText())
                .isEqualTo("worker-0"));
        JsonNode list = json.readTree(kubectl("get", "--raw", pods));
        assertThat(list.get("kind").asText()).isEqualTo("MetricValueList");
        assertThat(list.get("items")).hasSize(1);
        assertThat(dev.scalebus.events.Quantity.parse(list.at("/items/0/value").asText()).milliValue())
                .isBetween(3999L, 4001L);

        JsonNode external = json.readTree(kubectl("get", "--raw", "/apis/external.metrics.k8s.io/v1beta1/namespaces/"
                + CustomData.NS + "/queue_messages_cnt?labelSelector=queue%3D" + CustomData.QUEUE));
        assertThat(external.get("kind").asText()).isEqualTo("ExternalMetricValueList");
        assertThat(external.at("/items/0/value").asText()).isEqualTo("20");
    }

    private String kubectl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString(),
                "--cache-dir", cacheDir.toString(), "--request-timeout", "20s"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new AssertionError("kubectl " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }
}
