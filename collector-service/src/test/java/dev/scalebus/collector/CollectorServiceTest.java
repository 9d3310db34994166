package dev.scalebus.collector;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.scalebus.collector.FakeKubelet.Fault;
import dev.scalebus.collector.ops.CollectorMetrics;
import dev.scalebus.collector.scrape.FailureReason;
import dev.scalebus.collector.scrape.Payloads;
import dev.scalebus.events.ContainerSample;
import dev.scalebus.events.CustomMetricSamples;
import dev.scalebus.events.EventJson;
import dev.scalebus.events.NodeScrape;
import dev.scalebus.events.PodSample;
import dev.scalebus.events.Topics;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The whole collector against the fabric8 mock API server (CRUD), in-test HTTPS kubelets serving the real payloads
 * or faults, and the real Kafka broker. Node names carry a per-run prefix; foreign records are ignored.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CollectorServiceTest {

    /** quarkus.management.test-port: /q/health and /q/metrics. */
    private static final int MANAGEMENT_PORT = 19081;
    private static final String RUN = "c" + UUID.randomUUID().toString().substring(0, 8);
    private static final String NS = RUN + "-ns";
    private static final Path TOKEN_FILE = Path.of("target/test-kubelet-token");
    private static final BigDecimal APP_CORES = new BigDecimal("0.5");
    private static final long APP_NANO_CORES = 500_000_000L;

    @Inject
    KubernetesClient kube;
    @Inject
    Vertx vertx;
    @Inject
    CollectorMetrics metrics;

    private final AtomicReference<String> token = new AtomicReference<>("token-" + RUN);
    private final AtomicReference<Instant> appStart = new AtomicReference<>(Instant.now().minusSeconds(3600)
            .truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    private final Map<String, FakeKubelet> kubelets = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<NodeScrape> received = new CopyOnWriteArrayList<>();
    private final List<CustomMetricSamples> customReceived = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicLong appRequests = new java.util.concurrent.atomic.AtomicLong();
    private io.vertx.core.http.HttpServer appServer;
    private KafkaConsumer<String, byte[]> consumer;

    @BeforeAll
    void startKubeletsNodesAndConsumer() throws Exception {
        Files.writeString(TOKEN_FILE, token.get());
        startConsumerAtEnd();
        Supplier<String> tok = token::get;
        String garbage = "<html><body>502 Bad Gateway</body></html>";
        String truncatedJson = Payloads.text(Payloads.SUMMARY_MULTI).substring(0, 700);
        node("coredns", FakeKubelet.trusted(vertx, tok, () -> Payloads.text(Payloads.COREDNS_PROM)), null);
        node("kind", FakeKubelet.trusted(vertx, tok, () -> Payloads.text(Payloads.KIND_WORKER_PROM)), null);
        node("summary", FakeKubelet.trusted(vertx, tok, () -> Payloads.text(Payloads.SUMMARY_1_35)), "/stats/summary");
        node("summary-old", FakeKubelet.trusted(vertx, tok, () -> Payloads.text(Payloads.SUMMARY_MULTI)),
                "/stats/summary");
        node("live", FakeKubelet.trusted(vertx, tok, this::liveBody), null);
        node("mtls", FakeKubelet.requiringClientCertificate(vertx, tok,
                () -> Payloads.text(Payloads.KIND_WORKER_PROM)), null);
        node("bad-text", FakeKubelet.trusted(vertx, tok, () -> garbage), null);
        node("bad-json", FakeKubelet.trusted(vertx, tok, () -> truncatedJson), "/stats/summary");
        node("http-500", FakeKubelet.trusted(vertx, tok, () -> "").fault(Fault.HTTP_500), null);
        node("huge", FakeKubelet.trusted(vertx, tok, () -> "#" + "x".repeat(2 * 1024 * 1024)), null);
        node("huge-declared", FakeKubelet.trusted(vertx, tok, () -> "#" + "x".repeat(2 * 1024 * 1024))
                .withContentLength(), null);
        node("hang", FakeKubelet.trusted(vertx, tok, () -> "").fault(Fault.HANG), null);
        node("wrong-ca", FakeKubelet.untrusted(vertx, tok, () -> Payloads.text(Payloads.COREDNS_PROM)), null);
        createNode("refused", closedPort(), null);
        // issue 15: an annotation that would move the request (and the bearer token) to another host
        node("crafted", FakeKubelet.trusted(vertx, tok, () -> Payloads.text(Payloads.COREDNS_PROM)),
                "@127.0.0.2/stats/summary");
        createLivePod();
        createAppPod();
    }

    @AfterAll
    void stop() {
        kubelets.values().forEach(FakeKubelet::close);
        if (appServer != null) {
            appServer.close();
        }
        if (consumer != null) {
            consumer.close();
        }
    }

    @Test
    void publishesEveryHealthyNodeEveryCycleWithTheRealPayloadNumbers() {
        List<String> healthy = List.of("coredns", "kind", "summary", "summary-old", "live", "mtls");
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
            poll();
            for (String node : healthy) {
                assertThat(scrapes(node).stream().map(NodeScrape::scrapeTime).distinct().count())
                        .as("cycles published for " + node).isGreaterThanOrEqualTo(3);
            }
        });
        NodeScrape coredns = scrapes("coredns").get(0);
        assertThat(coredns.source()).isEqualTo(NodeScrape.SOURCE_METRICS_RESOURCE);
        assertThat(coredns.node().cpuUsageCoreNanoSeconds()).isEqualTo(357354910000L);
        assertThat(coredns.node().memoryWorkingSetBytes()).isEqualTo(1616273408L);
        ContainerSample corednsContainer = coredns.pods().get(0).containers().get(0);
        assertThat(corednsContainer.cpuUsageCoreNanoSeconds()).isEqualTo(4710169000L);
        assertThat(corednsContainer.startTime()).isEqualTo(Instant.parse("2021-10-03T09:18:32Z"));
        assertThat(scrapes("kind").get(0).pods()).hasSize(9);
        NodeScrape summary = scrapes("summary").get(0);
        assertThat(summary.source()).isEqualTo(NodeScrape.SOURCE_STATS_SUMMARY);
        assertThat(summary.node().cpuNanoCores()).as("the Summary API's own rate from the first scrape")
                .isEqualTo(573081903L);
        assertThat(summary.node().networkRxBytes()).isEqualTo(772921510L);
        assertThat(summary.pods()).hasSize(17).allSatisfy(p -> assertThat(p.containers()).allSatisfy(
                c -> assertThat(c.cpuNanoCores()).isNotNull()));
        assertThat(scrapes("summary-old").get(0).pods().stream().filter(p -> p.name().startsWith("kube-dns"))
                .findFirst().orElseThrow().containers()).hasSize(3);
    }

    @Test
    void cpuRateIsExactAndSkipsExactlyOnePointAcrossAContainerRestart() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            poll();
            assertThat(appSamples().stream().filter(c -> c.cpuNanoCores() != null).count()).isGreaterThanOrEqualTo(2);
        });
        List<ContainerSample> samples = appSamples();
        int rated = 1;
        while (samples.get(rated).cpuNanoCores() == null) {
            rated++;
        }
        ContainerSample before = samples.get(rated);
        assertThat(before.cpuNanoCores()).isEqualTo(APP_NANO_CORES);
        assertThat(before.windowMillis()).as("window = time between the two kubelet points")
                .isEqualTo(Duration.between(samples.get(rated - 1).timestamp(), before.timestamp()).toMillis());

        Instant restart = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        appStart.set(restart);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            poll();
            List<ContainerSample> after = appSamples().stream().filter(c -> restart.equals(c.startTime())).toList();
            assertThat(after).hasSizeGreaterThanOrEqualTo(2);
            assertThat(after.get(0).cpuNanoCores()).as("first point after the restart has no rate").isNull();
            assertThat(after.get(1).cpuNanoCores()).isEqualTo(APP_NANO_CORES);
            assertThat(after.get(1).cpuUsageCoreNanoSeconds()).isLessThan(before.cpuUsageCoreNanoSeconds());
        });
    }

    @Test
    void enrichesPodsWithMetadataSidecarsAndContainersLackingASample() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            poll();
            assertThat(livePods()).as("a scrape after the pod informer saw the pod")
                    .anySatisfy(p -> assertThat(p.uid()).isNotNull());
        });
        PodSample pod = livePods().stream().filter(p -> p.uid() != null).findFirst().orElseThrow();
        assertThat(pod.labels()).containsEntry("app", "live");
        assertThat(pod.owner().kind()).isEqualTo("ReplicaSet");
        assertThat(pod.phase()).isEqualTo("Running");
        assertThat(pod.ready()).isTrue();
        assertThat(pod.containers()).extracting(ContainerSample::name).containsExactly("proxy", "app", "worker");
        ContainerSample proxy = pod.containers().get(0);
        assertThat(proxy.sidecar()).isTrue();
        assertThat(proxy.timestamp()).as("no kubelet sample for the sidecar").isNull();
        ContainerSample app = pod.containers().get(1);
        assertThat(app.cpuRequestMilliCores()).isEqualTo(250L);
        assertThat(app.memoryLimitBytes()).isEqualTo(128L * 1024 * 1024);
        assertThat(app.memoryWorkingSetBytes()).isEqualTo(52428800L);
        assertThat(pod.containers().get(2).memoryWorkingSetBytes()).isNull();
    }

    @Test
    void eachBrokenKubeletIsCountedByReasonAndSkippedAlone() {
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
            for (FailureReason reason : List.of(FailureReason.MALFORMED, FailureReason.HTTP_ERROR,
                    FailureReason.TOO_LARGE, FailureReason.TIMEOUT, FailureReason.TLS,
                    FailureReason.CONNECTION_REFUSED)) {
                assertThat(metrics.errors(reason)).as(reason.tag()).isGreaterThanOrEqualTo(2);
            }
            assertThat(kubelets.get(RUN + "-bad-json").requests()).isGreaterThanOrEqualTo(2);
            assertThat(kubelets.get(RUN + "-bad-text").requests()).isGreaterThanOrEqualTo(2);
        });
        poll();
        assertThat(metrics.errors(FailureReason.TOO_LARGE)).as("chunked and Content-Length bodies both capped")
                .isGreaterThanOrEqualTo(4);
        assertThat(kubelets.get(RUN + "-huge-declared").requests()).isGreaterThanOrEqualTo(2);
        for (String broken : List.of("bad-text", "bad-json", "http-500", "huge", "huge-declared", "hang", "wrong-ca",
                "refused")) {
            assertThat(scrapes(broken)).as(broken + " publishes nothing").isEmpty();
        }
        assertThat(scrapes("coredns")).as("healthy nodes keep being published").isNotEmpty();
        given().port(MANAGEMENT_PORT).when().get("/q/metrics").then().statusCode(200)
                .body(containsString("scalebus_collector_scrape_errors_total{reason=\"tls\"}"))
                .body(containsString("scalebus_collector_scrape_errors_total{reason=\"too-large\"}"))
                .body(containsString("scalebus_collector_scrape_errors_total{reason=\"timeout\"}"))
                .body(containsString("scalebus_collector_scrape_errors_total{reason=\"malformed\"}"))
                .body(containsString("scalebus_collector_scrape_duration_seconds_bucket"))
                // issue #14: the publish buffers in records and bytes, and every reason a record can be lost
                .body(containsString("scalebus_collector_publish_buffer_size "))
                .body(containsString("scalebus_collector_publish_buffer_bytes "))
                .body(containsString("scalebus_collector_app_publish_buffer_size "))
                .body(containsString("scalebus_collector_app_publish_buffer_bytes "))
                .body(containsString("scalebus_collector_publish_dropped_total{reason=\"record-too-large\"} 0.0"))
                .body(containsString("scalebus_collector_publish_dropped_bytes_total{reason=\"buffer-full\"} 0.0"))
                .body(containsString("scalebus_collector_app_publish_dropped_total{reason=\"shutdown\"} 0.0"));
    }

    @Test
    void aCraftedPathAnnotationIsIgnoredCountedOnceAndTheNodesOwnKubeletScrapedAtTheDefaultPath() {
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
            poll();
            assertThat(scrapes("crafted").stream().map(NodeScrape::scrapeTime).distinct().count())
                    .isGreaterThanOrEqualTo(2);
        });
        assertThat(scrapes("crafted").get(0).source()).isEqualTo(NodeScrape.SOURCE_METRICS_RESOURCE);
        given().port(MANAGEMENT_PORT).when().get("/q/metrics").then().statusCode(200)
                .body(containsString("scalebus_collector_node_path_annotations_ignored_total 1.0"));
    }

    @Test
    void healthAndMetricsAreOnTheManagementPortOnly() {
        given().port(MANAGEMENT_PORT).when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/health/live").then().statusCode(404);
        given().when().get("/q/metrics").then().statusCode(404);
    }

    @Test
    void readyAfterTheFirstCycleAndLive() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().port(MANAGEMENT_PORT).when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP")));
        given().port(MANAGEMENT_PORT).when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void rotatedTokenIsPickedUpWithoutRestart() throws Exception {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            poll();
            assertThat(scrapes("kind")).isNotEmpty();
        });
        String rotated = "rotated-" + UUID.randomUUID();
        token.set(rotated);
        Files.writeString(TOKEN_FILE, rotated);
        Instant rotatedAt = Instant.now();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            poll();
            assertThat(scrapes("kind").stream().filter(s -> s.scrapeTime().isAfter(rotatedAt.plusSeconds(1))))
                    .isNotEmpty();
        });
    }

    @Test
    void scrapesAnnotatedAppPodsAndPublishesOnlyRuleSelectedSeriesOnTheCustomSamplesTopic() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            poll();
            assertThat(customReceived.stream().map(e -> e.series().get(0).value()).distinct().count())
                    .as("growing request counter of the app pod").isGreaterThanOrEqualTo(2);
        });
        assertThat(customReceived).allSatisfy(event -> {
            assertThat(event.key()).isEqualTo(NS + "/app-pod");
            assertThat(event.nodeName()).isEqualTo(RUN + "-live");
            assertThat(event.series()).extracting(CustomMetricSamples.SeriesSample::name)
                    .containsExactly("http_requests_total");
        });
    }

    // --- fixtures -------------------------------------------------------------------------------------------

    private String liveBody() {
        long nowMillis = System.currentTimeMillis();
        Instant start = appStart.get();
        BigDecimal appSeconds = BigDecimal.valueOf(nowMillis - start.toEpochMilli(), 3).multiply(APP_CORES);
        BigDecimal nodeSeconds = BigDecimal.valueOf(nowMillis, 3).multiply(new BigDecimal("0.001"));
        String labels = "{container=\"app\",namespace=\"" + NS + "\",pod=\"live-pod\"}";
        return "node_cpu_usage_seconds_total " + nodeSeconds.toPlainString() + " " + nowMillis + "\n"
                + "node_memory_working_set_bytes 1.073741824e+09 " + nowMillis + "\n"
                + "container_cpu_usage_seconds_total" + labels + " " + appSeconds.toPlainString() + " " + nowMillis + "\n"
                + "container_memory_working_set_bytes" + labels + " 5.24288e+07 " + nowMillis + "\n"
                + "container_start_time_seconds" + labels + " "
                + BigDecimal.valueOf(start.toEpochMilli(), 3).toPlainString() + "\n";
    }

    private void node(String suffix, FakeKubelet kubelet, String path) {
        kubelets.put(RUN + "-" + suffix, kubelet);
        createNode(suffix, kubelet.port(), path);
    }

    private void createNode(String suffix, int port, String path) {
        NodeBuilder node = new NodeBuilder().withNewMetadata().withName(RUN + "-" + suffix)
                .withAnnotations(path == null ? Map.of() : Map.of("metrics.k8s.io/resource-metrics-path", path))
                .endMetadata()
                .withNewStatus()
                .addNewAddress().withType("Hostname").withAddress(RUN + "-" + suffix + ".invalid").endAddress()
                .addNewAddress().withType("InternalIP").withAddress("127.0.0.1").endAddress()
                .withNewDaemonEndpoints().withNewKubeletEndpoint().withPort(port).endKubeletEndpoint()
                .endDaemonEndpoints()
                .endStatus();
        kube.nodes().resource(node.build()).create();
    }

    private void createLivePod() {
        kube.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
                .withName(NS).endMetadata().build()).create();
        kube.pods().inNamespace(NS).resource(new PodBuilder()
                .withNewMetadata().withName("live-pod").withNamespace(NS).withUid(UUID.randomUUID().toString())
                .withLabels(Map.of("app", "live"))
                .addNewOwnerReference().withApiVersion("apps/v1").withKind("ReplicaSet").withName("live-rs")
                .withUid(UUID.randomUUID().toString()).withController(true).endOwnerReference()
                .endMetadata()
                .withNewSpec().withNodeName(RUN + "-live")
                .addNewInitContainer().withName("proxy").withImage("proxy").withRestartPolicy("Always").endInitContainer()
                .addNewInitContainer().withName("migrate").withImage("migrate").endInitContainer()
                .addNewContainer().withName("app").withImage("app").withNewResources()
                .withRequests(Map.of("cpu", new Quantity("250m"), "memory", new Quantity("64Mi")))
                .withLimits(Map.of("cpu", new Quantity("1"), "memory", new Quantity("128Mi")))
                .endResources().endContainer()
                .addNewContainer().withName("worker").withImage("worker").endContainer()
                .endSpec()
                .withNewStatus().withPhase("Running").withStartTime("2026-01-01T00:00:00Z")
                .addNewCondition().withType("Ready").withStatus("True")
                .withLastTransitionTime("2026-01-01T00:00:05Z").endCondition()
                .endStatus()
                .build()).create();
    }

    /** An application pod with prometheus.io annotations whose /metrics is a Vert.x server on 127.0.0.1. */
    private void createAppPod() throws Exception {
        appServer = vertx.createHttpServer().requestHandler(request -> request.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4")
                .end("# TYPE http_requests_total counter\n"
                        + "http_requests_total{method=\"GET\",code=\"200\"} " + appRequests.addAndGet(7) + "\n"
                        + "# TYPE process_resident_memory_bytes gauge\nprocess_resident_memory_bytes 1.5e+07\n"))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
        kube.pods().inNamespace(NS).resource(new PodBuilder()
                .withNewMetadata().withName("app-pod").withNamespace(NS)
                .withAnnotations(Map.of("prometheus.io/scrape", "true",
                        "prometheus.io/port", String.valueOf(appServer.actualPort())))
                .endMetadata()
                .withNewSpec().withNodeName(RUN + "-live").addNewContainer().withName("web").endContainer().endSpec()
                .withNewStatus().withPhase("Running").withPodIP("127.0.0.1").endStatus()
                .build()).create();
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort(); // closed again at once: connecting there is refused
        }
    }

    private void startConsumerAtEnd() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                System.getenv().getOrDefault("SCALEBUS_KAFKA_BOOTSTRAP", "127.0.0.1:9092"));
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "collector-test-" + RUN);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = java.util.stream.Stream.of(Topics.NODE_SCRAPES, Topics.CUSTOM_SAMPLES)
                .flatMap(t -> consumer.partitionsFor(t).stream())
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end offsets now, before anything is published
    }

    private synchronized void poll() {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(300))) {
            if (record.topic().equals(Topics.CUSTOM_SAMPLES)) {
                if ((NS + "/app-pod").equals(record.key())) {
                    customReceived.add(EventJson.fromBytes(record.value(), CustomMetricSamples.class));
                }
            } else if (record.key() != null && record.key().startsWith(RUN + "-")) {
                received.add(EventJson.fromBytes(record.value(), NodeScrape.class));
            }
        }
    }

    private List<NodeScrape> scrapes(String suffix) {
        return received.stream().filter(s -> s.nodeName().equals(RUN + "-" + suffix)).toList();
    }

    private List<PodSample> livePods() {
        List<PodSample> pods = new ArrayList<>();
        scrapes("live").forEach(s -> s.pods().stream().filter(p -> p.name().equals("live-pod")).forEach(pods::add));
        return pods;
    }

    private List<ContainerSample> appSamples() {
        return livePods().stream().flatMap(p -> p.containers().stream()).filter(c -> c.name().equals("app")).toList();
    }
}
