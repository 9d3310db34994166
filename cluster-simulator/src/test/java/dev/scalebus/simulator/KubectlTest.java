package dev.scalebus.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.scalebus.simulator.tls.CertificateAuthority;
import dev.scalebus.simulator.workload.WorkloadSpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The simulator through the real kubectl (v1.32 on these machines), including `kubectl top` via an APIService. */
class KubectlTest {

    private static SimulatedCluster cluster;
    private static String prefix;

    @BeforeAll
    static void start() {
        assumeThat(Files.isExecutable(Path.of("/usr/bin/kubectl"))).as("kubectl installed").isTrue();
        prefix = "kubectl-" + UUID.randomUUID().toString().substring(0, 6);
        cluster = SimulatedCluster.start(SimulatorSettings.builder().nodeNamePrefix(prefix).nodeCount(2)
                .loopbackBase(SimulatorSettings.randomLoopbackBase()).reconcileInterval(Duration.ofMillis(100))
                .deployment(DeploymentSpec.of("yuchao", "eladmin-web", 1, "50m", "200Mi",
                        WorkloadSpec.DEFAULT.withReadyDelay(Duration.ofMillis(100)), null))
                .build());
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void kubectlListsNodesAndDeployments() throws Exception {
        assertThat(kubectl("get", "nodes", "-o", "name")).contains("node/" + prefix + "-0", "node/" + prefix + "-1");
        assertThat(kubectl("get", "node", prefix + "-0", "-o",
                "jsonpath={.status.addresses[?(@.type==\"InternalIP\")].address}"))
                .isEqualTo(cluster.nodes().get(0).address());
        assertThat(kubectl("-n", "yuchao", "get", "deployments")).contains("eladmin-web");
    }

    @Test
    void kubectlScaleGoesThroughTheScaleSubresource() throws Exception {
        assertThat(kubectl("-n", "yuchao", "scale", "deployment", "eladmin-web", "--replicas=3")).contains("scaled");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(kubectl("-n", "yuchao", "get", "pods", "-l", "app=eladmin-web", "-o", "name").lines())
                        .hasSize(3));
        assertThat(kubectl("-n", "yuchao", "get", "deployment", "eladmin-web", "-o",
                "jsonpath={.spec.replicas}")).isEqualTo("3");
    }

    @Test
    void kubectlAppliesAndGetsCustomResourcesOfAStoredCrd() throws Exception {
        // the scalebus CRD and seed 000's autoscaler, with kubectl's default (strict) validation: the OpenAPI v3
        // documents hand it to the server instead of an /openapi/v2 the simulator does not have
        assertThat(kubectl("apply", "-f", "../k8s/crd/horizontalautoscaler.yaml"))
                .contains("horizontalautoscalers.autoscaling.scalebus.dev");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(kubectl("apply", "-f", "../examples/seed-ab-load/hpa-eladmin-web.yaml"))
                        .contains("hpa-eladmin-web"));
        assertThat(kubectl("-n", "yuchao", "get", "horizontalautoscalers", "-o", "name"))
                .contains("horizontalautoscaler.autoscaling.scalebus.dev/hpa-eladmin-web");
        assertThat(kubectl("-n", "yuchao", "get", "horizontalautoscaler", "hpa-eladmin-web", "-o",
                "jsonpath={.spec.maxReplicas}")).isEqualTo("3");
    }

    @Test
    void kubectlAppliesBuiltInObjectsWithDefaultValidation() throws Exception {
        String ns = prefix + "-apply";
        String manifest = kubectl("create", "namespace", ns, "--dry-run=client", "-o", "yaml");
        assertThat(kubectlWithInput(manifest, "apply", "-f", "-")).contains("namespace/" + ns);
        String configMap = kubectl("-n", ns, "create", "configmap", "settings", "--from-literal=mode=fast",
                "--dry-run=client", "-o", "yaml");
        assertThat(kubectlWithInput(configMap, "apply", "-f", "-")).contains("configmap/settings");
        assertThat(kubectl("-n", ns, "get", "configmap", "settings", "-o", "jsonpath={.data.mode}")).isEqualTo("fast");
        assertThat(kubectl("-n", ns, "patch", "configmap", "settings", "--type=merge", "-p",
                "{\"data\":{\"mode\":\"safe\"}}")).contains("configmap/settings patched");
        assertThat(kubectl("-n", ns, "get", "configmap", "settings", "-o", "jsonpath={.data.mode}")).isEqualTo("safe");
        assertThat(kubectl("-n", ns, "delete", "configmap", "settings")).contains("deleted");
        assertThat(kubectl("-n", ns, "get", "configmaps", "-o", "name")).doesNotContain("configmap/settings");
    }

    @Test
    void typedCreateIsRefusedAtOnceWithTheWayAround() throws Exception {
        // kubectl create namespace sends protobuf; the simulator answers 415 instead of leaving it hanging
        assertThatThrownBy(() -> kubectl("create", "namespace", prefix + "-typed"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("JSON and YAML bodies only")
                .hasMessageContaining("--dry-run=client -o yaml | kubectl apply -f -");
    }

    @Test
    void kubectlTopNodeIsProxiedToTheRegisteredMetricsApiWithFrontProxyAuth() throws Exception {
        List<String> seenUsers = new CopyOnWriteArrayList<>();
        List<String> seenClientCerts = new CopyOnWriteArrayList<>();
        HttpsServer metrics = metricsApi(seenUsers, seenClientCerts);
        try {
            cluster.registerApiService("metrics.k8s.io", "v1beta1",
                    URI.create("https://127.0.0.1:" + metrics.getAddress().getPort()), null);
            String top = kubectl("top", "node", prefix + "-0");
            assertThat(top).contains(prefix + "-0").contains("250m").contains("512Mi");
            // CPU(%) and MEMORY(%) need the node's allocatable, read as a typed NodeList from /api/v1/nodes
            assertThat(top.lines().skip(1).findFirst().orElseThrow().trim().split("\\s+")).hasSize(5)
                    .satisfies(columns -> assertThat(columns[2]).endsWith("%"))
                    .satisfies(columns -> assertThat(columns[4]).endsWith("%"));
            assertThat(seenUsers).contains("scalebus-admin");
            assertThat(seenClientCerts).contains("CN=front-proxy-client");
        } finally {
            metrics.stop(0);
        }
    }

    /** A stand-in metrics API that requires a client certificate signed by the simulator's front-proxy CA. */
    private static HttpsServer metricsApi(List<String> users, List<String> clientCerts) throws Exception {
        CertificateAuthority serving = CertificateAuthority.create("test-metrics-ca");
        KeyPair key = CertificateAuthority.newKeyPair();
        X509Certificate cert = serving.issueServer(key, "metrics", List.of("localhost"),
                List.of(InetAddress.getByName("127.0.0.1")));
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("k", key.getPrivate(), new char[0], new Certificate[] {cert, serving.certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, new char[0]);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("front-proxy", CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(Files.readAllBytes(cluster.frontProxyCaFile()))));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = ssl.getDefaultSSLParameters();
                p.setNeedClientAuth(true);
                params.setSSLParameters(p);
            }
        });
        server.createContext("/", exchange -> {
            users.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Remote-User")));
            SSLSession session = ((com.sun.net.httpserver.HttpsExchange) exchange).getSSLSession();
            clientCerts.add(((X509Certificate) session.getPeerCertificates()[0]).getSubjectX500Principal().getName());
            String path = exchange.getRequestURI().getPath();
            String body;
            if (path.equals("/apis/metrics.k8s.io/v1beta1")) {
                body = "{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\",\"groupVersion\":\"metrics.k8s.io/v1beta1\","
                        + "\"resources\":[{\"name\":\"nodes\",\"singularName\":\"\",\"namespaced\":false,\"kind\":\"NodeMetrics\","
                        + "\"verbs\":[\"get\",\"list\"]},{\"name\":\"pods\",\"singularName\":\"\",\"namespaced\":true,"
                        + "\"kind\":\"PodMetrics\",\"verbs\":[\"get\",\"list\"]}]}";
            } else {
                String node = prefix + "-0";
                String item = "{\"metadata\":{\"name\":\"" + node + "\",\"creationTimestamp\":\"2026-01-01T00:00:00Z\"},"
                        + "\"timestamp\":\"2026-01-01T00:00:00Z\",\"window\":\"20s\",\"usage\":{\"cpu\":\"250m\",\"memory\":\"512Mi\"}}";
                body = path.endsWith("/nodes")
                        ? "{\"kind\":\"NodeMetricsList\",\"apiVersion\":\"metrics.k8s.io/v1beta1\",\"metadata\":{},\"items\":[" + item + "]}"
                        : "{\"kind\":\"NodeMetrics\",\"apiVersion\":\"metrics.k8s.io/v1beta1\"," + item.substring(1);
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static String kubectl(String... args) throws IOException, InterruptedException {
        return kubectlWithInput(null, args);
    }

    private static String kubectlWithInput(String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", cluster.kubeconfig().toString(),
                "--request-timeout=10s"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("kubectl timed out: " + command);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.exitValue() != 0) {
            throw new AssertionError("kubectl " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }
}
