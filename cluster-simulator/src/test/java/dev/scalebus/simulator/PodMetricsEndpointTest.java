package dev.scalebus.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.scalebus.simulator.kube.ClusterSeeder;
import dev.scalebus.simulator.kubelet.KubeletBehaviour;
import dev.scalebus.simulator.podmetrics.MetricsEndpoint;
import dev.scalebus.simulator.workload.LoadProfile;
import dev.scalebus.simulator.workload.WorkloadSpec;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Application pods that serve /metrics (issue 10): what a collector finds through the API and reads over HTTP. */
class PodMetricsEndpointTest {

    /** Each test its own deployment; a port unlikely to be held by a wildcard listener on the machine. */
    private static final int PORT = ThreadLocalRandom.current().nextInt(20_000, 30_000);
    private static final WorkloadSpec FAST = WorkloadSpec.DEFAULT.withReadyDelay(Duration.ofMillis(200))
            .withTerminationGrace(Duration.ofMillis(300));
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static SimulatedCluster cluster;

    @BeforeAll
    static void start() {
        cluster = SimulatedCluster.start(SimulatorSettings.builder()
                .nodeNamePrefix("podmetrics-" + UUID.randomUUID().toString().substring(0, 8))
                .nodeCount(2)
                .loopbackBase(SimulatorSettings.randomLoopbackBase())
                .reconcileInterval(Duration.ofMillis(100))
                .build());
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aPodAnnouncesItsEndpointAndServesTheExposition() throws Exception {
        String ns = deploy("web", 1, new MetricsEndpoint(PORT, "/custom/metrics"), FAST);
        Pod pod = apiPods(ns, "web").get(0);
        assertThat(pod.getMetadata().getAnnotations()).containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/port", String.valueOf(PORT))
                .containsEntry("prometheus.io/path", "/custom/metrics");
        assertThat(cluster.client().apps().deployments().inNamespace(ns).withName("web").get().getSpec().getTemplate()
                .getMetadata().getAnnotations()).containsEntry("prometheus.io/scrape", "true");
        String podIp = pod.getStatus().getPodIP();
        int octet = cluster.settings().podLoopbackBase();
        assertThat(podIp).startsWith("127." + octet + ".");
        assertThat(cluster.nodes()).noneMatch(n -> n.address().equals(podIp));

        HttpResponse<String> r = get(URI.create("http://" + podIp + ":" + PORT + "/custom/metrics"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(r.body()).contains("# TYPE http_requests_total counter\n",
                "# TYPE http_request_duration_seconds histogram\n", "# TYPE process_resident_memory_bytes gauge\n",
                "# HELP http_requests_total ");
        List<PromText.Sample> samples = PromText.parse(r.body());
        assertThat(samples).allSatisfy(s -> assertThat(s.timestampMillis()).isNull());
        assertThat(samples).anySatisfy(s -> {
            assertThat(s.name()).isEqualTo("http_requests_total");
            assertThat(s.labels()).isEqualTo(Map.of("method", "GET", "code", "200"));
        });
        // FAST: 64 MiB working set while idle
        assertThat(PromText.value(samples, "process_resident_memory_bytes", null, null)).isEqualTo(64.0 * (1 << 20));
        assertThat(get(URI.create("http://" + podIp + ":" + PORT + "/metrics")).statusCode()).isEqualTo(404);
        assertThat(cluster.podMetricsUrl(ns, pod.getMetadata().getName()))
                .isEqualTo(URI.create("http://" + podIp + ":" + PORT + "/custom/metrics"));
    }

    @Test
    void theCounterGrowsByRateTimesTimeAndTheHistogramCountsTheSameRequests() throws Exception {
        String ns = deploy("api", 1, new MetricsEndpoint(PORT, "/metrics"), FAST);
        cluster.setRequestRate(ns, "api", 200);
        URI url = url(apiPods(ns, "api").get(0));
        Reading first = read(url);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            Reading now = read(url);
            double seconds = (now.nanoTime - first.nanoTime) / 1e9;
            assertThat(seconds).isGreaterThan(2);
            // 200 req/s; the reads bracket the server's instants within the request round trips
            assertThat(now.requests - first.requests).isCloseTo(200 * seconds, within(200 * 0.15 + 2));
        });
        List<PromText.Sample> samples = PromText.parse(get(url).body());
        double total = PromText.value(samples, "http_requests_total", null, null);
        assertThat(PromText.value(samples, "http_request_duration_seconds_count", null, null)).isEqualTo(total);
        assertThat(PromText.value(samples, "http_request_duration_seconds_bucket", "le", "+Inf")).isEqualTo(total);
        List<Double> buckets = samples.stream().filter(s -> s.name().equals("http_request_duration_seconds_bucket"))
                .map(PromText.Sample::value).toList();
        assertThat(buckets).hasSize(12).isSorted();
        // 200 req/s on a 50m request at 1 millicore-second each: utilization ~4, mean latency ~0.1 s
        double mean = PromText.value(samples, "http_request_duration_seconds_sum", null, null) / total;
        assertThat(mean).isBetween(0.05, 0.2);
    }

    @Test
    void afterAScaleUpThePodsTogetherServeTheDeploymentRate() throws Exception {
        String ns = deploy("shop", 1, new MetricsEndpoint(PORT, "/metrics"), FAST);
        cluster.setRequestRate(ns, "shop", 300);
        cluster.client().apps().deployments().inNamespace(ns).withName("shop").scale(3);
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.workload(ns, "shop").readyPods() == 3);
        List<Pod> pods = apiPods(ns, "shop");
        assertThat(pods).hasSize(3);
        assertThat(pods.stream().map(p -> p.getStatus().getPodIP()).distinct()).hasSize(3);
        List<URI> urls = pods.stream().map(PodMetricsEndpointTest::url).toList();
        long start = System.nanoTime();
        double[] first = new double[3];
        for (int i = 0; i < 3; i++) {
            first[i] = read(urls.get(i)).requests;
        }
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(seconds).isGreaterThan(2);
            double sum = 0;
            for (int i = 0; i < 3; i++) {
                double delta = read(urls.get(i)).requests - first[i];
                assertThat(delta).as("pod %d", i).isCloseTo(100 * seconds, within(100 * seconds * 0.2 + 2));
                sum += delta;
            }
            // sum over pods of rate(http_requests_total) = the deployment's request rate
            assertThat(sum / seconds).isCloseTo(300, within(300 * 0.15));
        });
    }

    @Test
    void restartingTheContainerResetsTheCounter() throws Exception {
        String ns = deploy("worker", 1, new MetricsEndpoint(PORT, "/metrics"), FAST);
        cluster.setRequestRate(ns, "worker", 500);
        Pod pod = apiPods(ns, "worker").get(0);
        URI url = url(pod);
        await().atMost(Duration.ofSeconds(10)).until(() -> read(url).requests > 500);
        cluster.restartContainer(ns, pod.getMetadata().getName(), "worker");
        assertThat(read(url).requests).isLessThan(250);
    }

    @Test
    void aDeletedPodServesUntilItIsGoneAndThenItsSocketIsClosed() throws Exception {
        String ns = deploy("old", 1, new MetricsEndpoint(PORT, "/metrics"), FAST.withTerminationGrace(Duration.ofSeconds(2)));
        Pod pod = apiPods(ns, "old").get(0);
        String name = pod.getMetadata().getName();
        URI url = url(pod);
        cluster.client().pods().inNamespace(ns).withName(name).delete();
        cluster.reconcileNow();
        assertThat(cluster.client().pods().inNamespace(ns).withName(name).get().getMetadata().getDeletionTimestamp())
                .isNotNull();
        assertThat(get(url).statusCode()).as("terminating, not gone yet").isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(cluster.client().pods().inNamespace(ns).withName(name).get()).isNull();
            assertThatThrownBy(() -> get(url)).isInstanceOf(ConnectException.class);
        });
        assertThatThrownBy(() -> cluster.podMetricsUrl(ns, name)).isInstanceOf(IllegalArgumentException.class);
        // its replacement serves on an address of its own
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.workload(ns, "old").readyPods() == 1);
        Pod replacement = apiPods(ns, "old").stream().filter(p -> !p.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow();
        assertThat(get(url(replacement)).statusCode()).isEqualTo(200);
    }

    @Test
    void injectedFaultsAnswerAsConfigured() throws Exception {
        String ns = deploy("flaky", 1, new MetricsEndpoint(PORT, "/metrics"), FAST);
        String name = apiPods(ns, "flaky").get(0).getMetadata().getName();
        URI url = cluster.podMetricsUrl(ns, name);
        try {
            cluster.podMetricsBehaviour(ns, name, KubeletBehaviour.HTTP_500);
            assertThat(get(url).statusCode()).isEqualTo(500);
            cluster.podMetricsBehaviour(ns, name, KubeletBehaviour.MALFORMED_BODY);
            HttpResponse<String> malformed = get(url);
            assertThat(malformed.statusCode()).isEqualTo(200);
            assertThatThrownBy(() -> PromText.parse(malformed.body())).isInstanceOf(IllegalArgumentException.class);
            cluster.podMetricsBehaviour(ns, name, KubeletBehaviour.NO_ANSWER);
            assertThatThrownBy(() -> HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofMillis(500)).build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(HttpTimeoutException.class);
        } finally {
            cluster.podMetricsBehaviour(ns, name, KubeletBehaviour.NORMAL);
        }
        assertThat(PromText.parse(get(url).body())).isNotEmpty();
    }

    @Test
    void aDeploymentWithoutAnEndpointHasNoAnnotationsAndServesNothing() {
        String ns = deploy("plain", 1, null, FAST);
        Pod pod = apiPods(ns, "plain").get(0);
        assertThat(pod.getMetadata().getAnnotations()).doesNotContainKeys("prometheus.io/scrape", "prometheus.io/port",
                "prometheus.io/path");
        // the node's pod CIDR, as before issue 10
        assertThat(pod.getStatus().getPodIP()).startsWith("10.");
        assertThatThrownBy(() -> cluster.podMetricsUrl(ns, pod.getMetadata().getName()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("serves no metrics endpoint");
    }

    /** Creates NAME in a fresh namespace through the API (as a client would) and waits for its ready pods. */
    private static String deploy(String name, int replicas, MetricsEndpoint metrics, WorkloadSpec workload) {
        String ns = name + "-" + UUID.randomUUID().toString().substring(0, 6);
        cluster.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata()
                .build()).create();
        DeploymentSpec spec = DeploymentSpec.of(ns, name, replicas, "50m", "128Mi", workload, new LoadProfile.Constant(0))
                .withMetrics(metrics);
        cluster.client().apps().deployments().inNamespace(ns).resource(ClusterSeeder.deployment(spec)).create();
        cluster.reconcileNow();
        cluster.setWorkloadSpec(ns, name, workload);
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.workload(ns, name).readyPods() == replicas);
        return ns;
    }

    private static List<Pod> apiPods(String ns, String app) {
        return cluster.client().pods().inNamespace(ns).withLabel("app", app).list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
    }

    /** What a collector builds from the pod: http://status.podIP:annotation port + annotation path. */
    private static URI url(Pod pod) {
        Map<String, String> a = pod.getMetadata().getAnnotations();
        return URI.create("http://" + pod.getStatus().getPodIP() + ":" + a.get("prometheus.io/port")
                + a.get("prometheus.io/path"));
    }

    private record Reading(long nanoTime, double requests) {
    }

    private static Reading read(URI url) throws Exception {
        long before = System.nanoTime();
        HttpResponse<String> r = get(url);
        long after = System.nanoTime();
        assertThat(r.statusCode()).isEqualTo(200);
        return new Reading((before + after) / 2, PromText.value(PromText.parse(r.body()), "http_requests_total", null,
                null));
    }

    private static HttpResponse<String> get(URI url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
