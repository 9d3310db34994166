package dev.scalebus.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scalebus.simulator.workload.LoadProfile;
import dev.scalebus.simulator.workload.SimPod;
import dev.scalebus.simulator.workload.WorkloadSpec;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import dev.scalebus.simulator.kubelet.KubeletBehaviour;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SimulatedClusterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NS = "shop";
    private static final String TOKEN = "test-token-" + UUID.randomUUID();
    private static final WorkloadSpec FAST = WorkloadSpec.DEFAULT.withReadyDelay(Duration.ofMillis(200))
            .withTerminationGrace(Duration.ofMillis(200));
    private static SimulatedCluster cluster;
    private static KubeletTestClient kubelet;

    @BeforeAll
    static void start() throws Exception {
        WorkloadSpec workload = new WorkloadSpec(2.0, 1.0, 300.0, 100L << 20, 1L << 20, Duration.ofMillis(300),
                Duration.ofMillis(300));
        cluster = SimulatedCluster.start(SimulatorSettings.builder()
                .nodeNamePrefix("simtest-" + UUID.randomUUID().toString().substring(0, 8))
                .nodeCount(3)
                .podsPerNode(2)
                .loopbackBase(SimulatorSettings.randomLoopbackBase())
                .kubeletBearerToken(TOKEN)
                .reconcileInterval(Duration.ofMillis(100))
                .deployment(DeploymentSpec.of(NS, "web", 1, "50m", "200Mi", workload, new LoadProfile.Constant(100)))
                .build());
        kubelet = new KubeletTestClient(cluster.kubeletCaFile());
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void nodesAreRegisteredWithAddressesPortAndCapacity() {
        List<Node> nodes = cluster.client().nodes().list().getItems();
        assertThat(nodes).hasSize(3);
        NodeEndpoint first = cluster.nodes().get(0);
        Node node = cluster.client().nodes().withName(first.name()).get();
        assertThat(node.getStatus().getAddresses()).anySatisfy(a -> {
            assertThat(a.getType()).isEqualTo("InternalIP");
            assertThat(a.getAddress()).isEqualTo(first.address());
        }).anySatisfy(a -> assertThat(a.getType()).isEqualTo("Hostname"));
        assertThat(node.getStatus().getDaemonEndpoints().getKubeletEndpoint().getPort()).isEqualTo(first.port());
        assertThat(node.getStatus().getAllocatable()).containsKeys("cpu", "memory");
    }

    @Test
    void deploymentGetsReadyPodOwnedByReplicaSet() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Deployment d = cluster.client().apps().deployments().inNamespace(NS).withName("web").get();
            assertThat(d.getStatus().getReadyReplicas()).isGreaterThanOrEqualTo(1);
        });
        List<Pod> pods = cluster.client().pods().inNamespace(NS).withLabel("app", "web").list().getItems();
        assertThat(pods).isNotEmpty();
        Pod pod = pods.get(0);
        assertThat(pod.getMetadata().getLabels()).containsKey("pod-template-hash");
        assertThat(pod.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
            assertThat(o.getKind()).isEqualTo("ReplicaSet");
            assertThat(o.getController()).isTrue();
        });
        assertThat(pod.getSpec().getContainers().get(0).getResources().getRequests().get("cpu").toString())
                .isEqualTo("50m");
        assertThat(pod.getStatus().getStartTime()).isNotBlank();
        assertThat(pod.getStatus().getConditions()).anySatisfy(c -> {
            assertThat(c.getType()).isEqualTo("Ready");
            assertThat(c.getLastTransitionTime()).isNotBlank();
        });
    }

    @Test
    void kubeletRejectsWrongBearerToken() throws Exception {
        NodeEndpoint node = cluster.nodes().get(1);
        assertThat(kubelet.get(node, "/stats/summary", "wrong").statusCode()).isEqualTo(401);
        assertThat(kubelet.get(node, "/metrics/resource", null).statusCode()).isEqualTo(401);
        assertThat(kubelet.get(node, "/metrics/resource", TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void summaryAndResourceMetricsAgreeForEveryPodOnTheNode() throws Exception {
        NodeEndpoint node = cluster.nodes().get(0);
        HttpResponse<String> summary = kubelet.get(node, "/stats/summary", TOKEN);
        HttpResponse<String> resource = kubelet.get(node, "/metrics/resource", TOKEN);
        assertThat(summary.statusCode()).isEqualTo(200);
        assertThat(summary.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode s = JSON.readTree(summary.body());
        assertThat(s.path("node").path("nodeName").asText()).isEqualTo(node.name());
        List<PromText.Sample> samples = PromText.parse(resource.body());
        for (JsonNode pod : s.path("pods")) {
            String name = pod.path("podRef").path("name").asText();
            long summaryCpu = pod.path("cpu").path("usageCoreNanoSeconds").asLong();
            double promCpu = PromText.value(samples, "pod_cpu_usage_seconds_total", "pod", name);
            // the resource scrape came second: its counter is at least the summary's, and close to it
            assertThat(promCpu * 1e9).isGreaterThanOrEqualTo(summaryCpu - 1_000.0);
            assertThat(promCpu * 1e9 - summaryCpu).isLessThan(2e9);
        }
        double nodeCpu = PromText.value(samples, "node_cpu_usage_seconds_total", null, null);
        assertThat(nodeCpu * 1e9).isGreaterThanOrEqualTo(s.path("node").path("cpu").path("usageCoreNanoSeconds").asLong());
    }

    @Test
    void scalingTheDeploymentThroughTheApiAddsPodsAndSpreadsTheLoad() {
        String ns = "scale-" + UUID.randomUUID().toString().substring(0, 6);
        cluster.client().namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                .withNewMetadata().withName(ns).endMetadata().build()).create();
        cluster.client().apps().deployments().inNamespace(ns).resource(dev.scalebus.simulator.kube.ClusterSeeder
                .deployment(DeploymentSpec.of(ns, "api", 1, "100m", "128Mi", FAST, null))).create();
        cluster.reconcileNow();
        cluster.setWorkloadSpec(ns, "api", FAST);
        cluster.setRequestRate(ns, "api", 200);
        await().atMost(Duration.ofSeconds(10)).until(() -> readyPods(ns, "api") == 1);
        long onePodRate = cpuRate(cluster.pods(ns, "api").get(0));

        cluster.client().apps().deployments().inNamespace(ns).withName("api").scale(4);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(cluster.client().pods().inNamespace(ns).withLabel("app", "api").list().getItems()).hasSize(4);
            assertThat(cluster.client().apps().deployments().inNamespace(ns).withName("api").get().getStatus()
                    .getReadyReplicas()).isEqualTo(4);
        });
        long fourPodRate = cpuRate(cluster.pods(ns, "api").get(0));
        assertThat(fourPodRate).isLessThan(onePodRate / 2);

        cluster.client().apps().deployments().inNamespace(ns).withName("api").scale(2);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(cluster.client().pods().inNamespace(ns).withLabel("app", "api").list().getItems()).hasSize(2);
            assertThat(cluster.pods(ns, "api")).hasSize(2);
        });
    }

    @Test
    void restartingAContainerResetsItsCounterAndStartTime() {
        await().atMost(Duration.ofSeconds(10)).until(() -> readyPods(NS, "web") >= 1);
        SimPod pod = cluster.pods(NS, "web").get(0);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> pod.sample(java.time.Instant.now()).containers().get(0).cpuUsageCoreNanoSeconds() > 50_000_000L);
        var before = pod.sample(java.time.Instant.now());
        cluster.restartContainer(NS, pod.name(), "web");
        var after = pod.sample(java.time.Instant.now());
        assertThat(after.containers().get(0).cpuUsageCoreNanoSeconds())
                .isLessThan(before.containers().get(0).cpuUsageCoreNanoSeconds());
        assertThat(after.containers().get(0).startTime()).isAfter(before.containers().get(0).startTime());
        assertThat(after.cpuUsageCoreNanoSeconds()).isGreaterThanOrEqualTo(before.cpuUsageCoreNanoSeconds());
        assertThat(cluster.client().pods().inNamespace(NS).withName(pod.name()).get().getStatus()
                .getContainerStatuses().get(0).getRestartCount()).isEqualTo(1);
    }

    @Test
    void injectedKubeletFaultsAffectOnlyThatNode() throws Exception {
        NodeEndpoint sick = cluster.nodes().get(2);
        NodeEndpoint healthy = cluster.nodes().get(1);
        try {
            cluster.kubeletBehaviour(sick.name(), KubeletBehaviour.HTTP_500);
            assertThat(kubelet.get(sick, "/stats/summary", TOKEN).statusCode()).isEqualTo(500);
            assertThat(kubelet.get(healthy, "/stats/summary", TOKEN).statusCode()).isEqualTo(200);
            cluster.kubeletBehaviour(sick.name(), KubeletBehaviour.MALFORMED_BODY);
            HttpResponse<String> malformed = kubelet.get(sick, "/stats/summary", TOKEN);
            assertThat(malformed.statusCode()).isEqualTo(200);
            assertThatThrownBy(() -> JSON.readTree(malformed.body())).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> PromText.parse(kubelet.get(sick, "/metrics/resource", TOKEN).body()))
                    .isInstanceOf(IllegalArgumentException.class);
            cluster.kubeletBehaviour(sick.name(), KubeletBehaviour.NO_ANSWER);
            assertThatThrownBy(() -> kubelet.get(sick, "/metrics/resource", TOKEN, Duration.ofMillis(500)))
                    .isInstanceOf(HttpTimeoutException.class);
        } finally {
            cluster.kubeletBehaviour(sick.name(), KubeletBehaviour.NORMAL);
        }
        assertThat(kubelet.get(sick, "/metrics/resource", TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void anOversizedKubeletStreamsTwentyMebibytesWithoutStats() throws Exception {
        NodeEndpoint sick = cluster.nodes().get(2);
        try {
            cluster.kubeletBehaviour(sick.name(), KubeletBehaviour.OVERSIZED_BODY);
            HttpResponse<String> huge = kubelet.get(sick, "/stats/summary", TOKEN, Duration.ofSeconds(30));
            assertThat(huge.statusCode()).isEqualTo(200);
            assertThat(huge.headers().firstValue("content-length")).isEmpty();
            assertThat(huge.body()).hasSize(20 * 1024 * 1024);
            // one JSON object of padding (too long for Jackson's default 20 MB string limit, on purpose), no stats
            assertThat(huge.body()).startsWith("{\"node\":{\"nodeName\":\"" + sick.name() + "\",\"padding\":\"xxx")
                    .endsWith("xxx\"}}").doesNotContain("cpu");
            // the answer after it, on a new connection, is normal again
            cluster.kubeletBehaviour(sick.name(), KubeletBehaviour.NORMAL);
            assertThat(kubelet.get(sick, "/stats/summary", TOKEN).body()).hasSizeLessThan(1 << 20);
        } finally {
            cluster.kubeletBehaviour(sick.name(), KubeletBehaviour.NORMAL);
        }
    }

    @Test
    void aKubeletClockOffsetShiftsTheReportedTimesButNotTheCounters() throws Exception {
        NodeEndpoint node = cluster.nodes().get(1);
        try {
            JsonNode before = JSON.readTree(kubelet.get(node, "/stats/summary", TOKEN).body()).path("node").path("cpu");
            cluster.kubeletClockOffset(Duration.ofSeconds(-60));
            JsonNode behind = JSON.readTree(kubelet.get(node, "/stats/summary", TOKEN).body()).path("node").path("cpu");
            java.time.Instant reported = java.time.Instant.parse(behind.path("time").asText());
            assertThat(Duration.between(reported, java.time.Instant.now()).toSeconds()).isBetween(59L, 62L);
            assertThat(behind.path("usageCoreNanoSeconds").asLong())
                    .isGreaterThanOrEqualTo(before.path("usageCoreNanoSeconds").asLong());
            cluster.kubeletClockOffset(Duration.ofSeconds(60));
            JsonNode ahead = JSON.readTree(kubelet.get(node, "/stats/summary", TOKEN).body()).path("node").path("cpu");
            assertThat(Duration.between(java.time.Instant.now(), java.time.Instant.parse(ahead.path("time").asText()))
                    .toSeconds()).isBetween(58L, 61L);
        } finally {
            cluster.kubeletClockOffset(Duration.ZERO);
        }
        assertThat(cluster.kubeletClockOffset()).isZero();
    }

    @Test
    void scaleSubresourceServesAScaleObjectAndRejectsStaleWrites() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI scaleUri = URI.create(cluster.apiServerUrl() + "/apis/apps/v1/namespaces/" + NS + "/deployments/web/scale");
        JsonNode scale = JSON.readTree(http.send(HttpRequest.newBuilder(scaleUri).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(scale.path("kind").asText()).isEqualTo("Scale");
        assertThat(scale.path("apiVersion").asText()).isEqualTo("autoscaling/v1");
        assertThat(scale.path("status").path("selector").asText()).isEqualTo("app=web");
        String stale = "{\"kind\":\"Scale\",\"apiVersion\":\"autoscaling/v1\",\"metadata\":{\"name\":\"web\","
                + "\"namespace\":\"" + NS + "\",\"resourceVersion\":\"1\"},\"spec\":{\"replicas\":2}}";
        HttpResponse<String> conflict = http.send(HttpRequest.newBuilder(scaleUri)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(stale)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(conflict.body()).path("kind").asText()).isEqualTo("Status");
        HttpResponse<String> invalid = http.send(HttpRequest.newBuilder(scaleUri)
                .header("Content-Type", "application/merge-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"spec\":{\"replicas\":-3}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(cluster.client().apps().deployments().inNamespace(NS).withName("web").get().getSpec().getReplicas())
                .isEqualTo(1);
    }

    @Test
    void aPodDeletedByAClientTerminatesGracefullyAndIsReplaced() {
        String ns = "del-" + UUID.randomUUID().toString().substring(0, 6);
        cluster.client().namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                .withNewMetadata().withName(ns).endMetadata().build()).create();
        cluster.client().apps().deployments().inNamespace(ns).resource(dev.scalebus.simulator.kube.ClusterSeeder
                .deployment(DeploymentSpec.of(ns, "worker", 2, "100m", "128Mi", null, null))).create();
        cluster.reconcileNow();
        cluster.setWorkloadSpec(ns, "worker", FAST.withTerminationGrace(Duration.ofSeconds(1)));
        await().atMost(Duration.ofSeconds(10)).until(() -> readyPods(ns, "worker") == 2);
        String victim = cluster.pods(ns, "worker").get(0).name();

        cluster.client().pods().inNamespace(ns).withName(victim).delete();

        Pod terminating = cluster.client().pods().inNamespace(ns).withName(victim).get();
        assertThat(terminating).isNotNull();
        assertThat(terminating.getMetadata().getDeletionTimestamp()).isNotNull();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(cluster.client().pods().inNamespace(ns).withName(victim).get()).isNull();
            assertThat(cluster.pods(ns, "worker")).extracting(SimPod::name).doesNotContain(victim).hasSize(2);
            assertThat(cluster.client().apps().deployments().inNamespace(ns).withName("worker").get().getStatus()
                    .getReadyReplicas()).isEqualTo(2);
        });
    }

    private static long readyPods(String ns, String deployment) {
        return cluster.pods(ns, deployment).stream().filter(SimPod::ready).count();
    }

    private static long cpuRate(SimPod pod) {
        return pod.sample(java.time.Instant.now()).cpuUsageNanoCores();
    }
}
