package dev.scalebus.autoscaler.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.awaitility.Awaitility.await;

import dev.scalebus.events.ContainerSample;
import dev.scalebus.events.NodeScrape;
import dev.scalebus.events.PodSample;
import dev.scalebus.events.ScalingDecision;
import dev.scalebus.events.Topics;
import dev.scalebus.events.kafka.EventSerializer;
import dev.scalebus.events.EventJson;
import dev.scalebus.events.MalformedEventException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.common.QuarkusTestResource;
import dev.scalebus.autoscaler.HealthEndpointsTest;
import dev.scalebus.autoscaler.SimulatedClusterResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * End to end on the real broker and the cluster-simulator API server: node scrapes above target scale a Deployment
 * (through its /scale subresource) and publish the decision; a dry-run autoscaler decides but never scales.
 */
@QuarkusTest
@QuarkusTestResource(SimulatedClusterResource.class)
class LiveControllerTest {

    static final String BOOTSTRAP = System.getenv().getOrDefault("SCALEBUS_KAFKA_BOOTSTRAP", "127.0.0.1:9092");

    @Inject
    KubernetesClient client;

    @Inject
    Leadership leadership;

    KafkaProducer<String, Object> producer;
    KafkaConsumer<String, byte[]> consumer;
    final List<ScalingDecision> decisions = new CopyOnWriteArrayList<>();

    @BeforeEach
    void kafka() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        producer = new KafkaProducer<>(p, new StringSerializer(), new EventSerializer());
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "autoscaler-live-test-" + UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.SCALING_DECISIONS));
    }

    @AfterEach
    void close() {
        producer.close(Duration.ofSeconds(5));
        consumer.close(Duration.ofSeconds(5));
    }

    /**
     * A namespace with Deployment web (1 replica, container requesting 100m cpu; the simulator's controller runs its
     * pods) and an autoscaler on cpu 50%.
     */
    String setUp(boolean dryRun) {
        String ns = "live-" + UUID.randomUUID().toString().substring(0, 8);
        createDeployment(client, ns);
        createAutoscaler(client, ns, dryRun, List.of(Map.of("type", "Resource", "resource", Map.of("name", "cpu",
                "target", Map.of("type", "Utilization", "averageUtilization", 50)))));
        return ns;
    }

    static void createDeployment(KubernetesClient client, String ns) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
                .create();
        client.apps().deployments().inNamespace(ns).resource(new DeploymentBuilder()
                .withNewMetadata().withName("web").withNamespace(ns).endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", "web").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata().withNewSpec()
                .addNewContainer().withName("web").withImage("nginx").withNewResources()
                .addToRequests("cpu", new Quantity("100m")).endResources().endContainer().endSpec().endTemplate()
                .endSpec().build()).create();
    }

    static void createAutoscaler(KubernetesClient client, String ns, boolean dryRun, List<Map<String, Object>> metrics) {
        createAutoscaler(client, ns, "web-hpa", dryRun, metrics);
    }

    static void createAutoscaler(KubernetesClient client, String ns, String name, boolean dryRun,
            List<Map<String, Object>> metrics) {
        GenericKubernetesResource hpa = new GenericKubernetesResource();
        hpa.setApiVersion(AutoscalerStore.API_VERSION);
        hpa.setKind(AutoscalerStore.KIND);
        hpa.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name)
                .withNamespace(ns).build());
        hpa.setAdditionalProperty("spec", Map.of(
                "scaleTargetRef", Map.of("apiVersion", "apps/v1", "kind", "Deployment", "name", "web"),
                "minReplicas", 1, "maxReplicas", 3, "dryRun", dryRun, "metrics", metrics));
        client.genericKubernetesResources(AutoscalerStore.CONTEXT).inNamespace(ns).resource(hpa).create();
    }

    /** Every pod of web using 200m of its 100m request: 400% of a 50% target. */
    void publishHotScrape(String ns) {
        Instant now = Instant.now();
        List<PodSample> pods = client.pods().inNamespace(ns).withLabel("app", "web").list().getItems().stream()
                .map(p -> new PodSample(ns, p.getMetadata().getName(), null, Map.of("app", "web"), null, "Running",
                        true, now.minusSeconds(60), now.minusSeconds(120), false, List.of(new ContainerSample("web",
                                false, now.minusSeconds(3600), now, 15_000L, 200_000_000L, null, 50L * 1024 * 1024,
                                100L, null, null, null))))
                .toList();
        NodeScrape scrape = NodeScrape.of("node-" + ns, now, 5, NodeScrape.SOURCE_METRICS_RESOURCE, null, pods);
        producer.send(new ProducerRecord<>(Topics.NODE_SCRAPES, scrape.nodeName(), scrape));
        producer.flush();
    }

    List<ScalingDecision> decisionsFor(String ns) {
        // the topic is shared with other tests: only our keys are read, foreign (even malformed) records skipped
        consumer.poll(Duration.ofMillis(200)).forEach(r -> {
            if (r.value() != null && r.key() != null && r.key().startsWith(ns + "/")) {
                try {
                    decisions.add(EventJson.fromBytes(r.value(), ScalingDecision.class));
                } catch (MalformedEventException e) {
                    throw new AssertionError("our own decision is malformed", e);
                }
            }
        });
        return decisions.stream().filter(d -> d.autoscaler().namespace().equals(ns)).toList();
    }

    int replicas(String ns) {
        return client.apps().deployments().inNamespace(ns).withName("web").get().getSpec().getReplicas();
    }

    @Test
    void scrapesAboveTargetScaleTheDeploymentAndPublishTheDecision() {
        String ns = setUp(false);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            publishHotScrape(ns);
            assertThat(replicas(ns)).isEqualTo(3);
            assertThat(decisionsFor(ns)).anySatisfy(d -> {
                assertThat(d.key()).isEqualTo(ns + "/web-hpa");
                assertThat(d.desiredReplicas()).isEqualTo(3);
                assertThat(d.appliedReplicas()).isEqualTo(3);
                assertThat(d.reason()).isEqualTo("cpu resource utilization (percentage of request) above target");
                assertThat(d.metrics().get(0).current().averageUtilization()).isEqualTo(200);
                assertThat(UUID.fromString(d.id()).version()).as("a stable, name-based id").isEqualTo(3);
            });
        });
        // the decision is queued before the status and Events are written: they follow within moments
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            GenericKubernetesResource hpa = client.genericKubernetesResources(AutoscalerStore.CONTEXT)
                    .inNamespace(ns).withName("web-hpa").get();
            @SuppressWarnings("unchecked")
            Map<String, Object> status = (Map<String, Object>) hpa.getAdditionalProperties().get("status");
            assertThat(status).containsEntry("desiredReplicas", 3).containsEntry("targets", "200%/50%");
            assertThat(client.v1().events().inNamespace(ns).list().getItems())
                    .anySatisfy(e -> assertThat(e.getReason()).isEqualTo("SuccessfulRescale"));
        });
    }

    /** The ScalingActive condition an autoscaler's status carries (null until it was evaluated). */
    @SuppressWarnings("unchecked")
    Map<String, Object> scalingActive(String ns, String name) {
        GenericKubernetesResource hpa = client.genericKubernetesResources(AutoscalerStore.CONTEXT).inNamespace(ns)
                .withName(name).get();
        Map<String, Object> status = (Map<String, Object>) hpa.getAdditionalProperties().get("status");
        return status == null ? null : ((List<Map<String, Object>>) status.getOrDefault("conditions", List.of()))
                .stream().filter(c -> "ScalingActive".equals(c.get("type"))).findFirst().orElse(null);
    }

    @Test
    void aDeletedAutoscalerNoLongerClaimsItsTarget() {
        String ns = "live-" + UUID.randomUUID().toString().substring(0, 8);
        createDeployment(client, ns);
        List<Map<String, Object>> cpu = List.of(Map.of("type", "Resource", "resource", Map.of("name", "cpu",
                "target", Map.of("type", "Utilization", "averageUtilization", 50))));
        createAutoscaler(client, ns, "web-hpa-a", false, cpu);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            publishHotScrape(ns);
            assertThat(scalingActive(ns, "web-hpa-a")).containsEntry("status", "True")
                    .containsEntry("reason", "ValidMetricFound");
        });
        client.genericKubernetesResources(AutoscalerStore.CONTEXT).inNamespace(ns).withName("web-hpa-a").delete();

        // sync-period is 1h in tests: no full sync prunes A's selector, only its delete event can
        createAutoscaler(client, ns, "web-hpa-b", false, cpu);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            publishHotScrape(ns);
            assertThat(scalingActive(ns, "web-hpa-b")).containsEntry("status", "True")
                    .containsEntry("reason", "ValidMetricFound");
        });
    }

    static final String LEASE = "scalebus-autoscaler";

    Lease lease() {
        return client.leases().inNamespace("default").withName(LEASE).get();
    }

    /**
     * fabric8's elector is single-use: once it stops leading it never contends again. Here another identity takes
     * the lease (as a second replica would while this one is cut off from the API server for longer than the renew
     * deadline) and renews it until this replica gave up; then it stops renewing. This replica must lead again and
     * keep renewing. Without re-contention the holder stays "other-replica" for good.
     */
    @Test
    void leadershipTakenAwayIsRegainedAndTheLeaseRenewedAgain() {
        await().atMost(Duration.ofSeconds(30)).until(() -> leadership.active());
        int electionsBefore = leadership.elections();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            takeLease();
            assertThat(leadership.active()).isFalse();
            assertThat(leadership.elections()).as("a fresh elector contends").isGreaterThan(electionsBefore);
        });
        ZonedDateTime givenBack = ZonedDateTime.now(ZoneOffset.UTC);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(lease().getSpec().getHolderIdentity()).isEqualTo(leadership.identity());
            assertThat(lease().getSpec().getRenewTime()).isAfter(givenBack);
            assertThat(leadership.active()).isTrue();
        });
        ZonedDateTime renewed = lease().getSpec().getRenewTime();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(
                () -> assertThat(lease().getSpec().getRenewTime()).isAfter(renewed));
        HealthEndpointsTest.management().when().get("/q/health/live").then().statusCode(200)
                .body("checks.find { it.name == 'leader-election' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'leader-election' }.data.leading", equalTo(true));
    }

    /**
     * Another identity holds the lease, freshly renewed, as a second replica would; through the simulator's own
     * client, as a second replica has its own connections (the service's may all be busy).
     */
    void takeLease() {
        SimulatedClusterResource.cluster().client().leases().inNamespace("default").withName(LEASE).edit(l -> {
            l.getSpec().setHolderIdentity("other-replica");
            l.getSpec().setRenewTime(ZonedDateTime.now(ZoneOffset.UTC));
            return l;
        });
    }

    /**
     * Metrics that cannot be computed (no memory request for a memory Utilization target): upstream keeps the
     * scale and sets ScalingActive=False; the decision says "no change" (desired = current), never 0.
     */
    @Test
    void aDecisionOnInvalidMetricsKeepsTheCurrentCount() {
        String ns = "live-" + UUID.randomUUID().toString().substring(0, 8);
        createDeployment(client, ns);
        createAutoscaler(client, ns, false, List.of(Map.of("type", "Resource", "resource", Map.of("name", "memory",
                "target", Map.of("type", "Utilization", "averageUtilization", 50)))));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            publishHotScrape(ns);
            assertThat(decisionsFor(ns)).anySatisfy(d -> {
                assertThat(d.currentReplicas()).isEqualTo(1);
                assertThat(d.desiredReplicas()).isEqualTo(1);
                assertThat(d.appliedReplicas()).isNull();
                assertThat(d.reason()).contains("invalid metrics");
                assertThat(d.conditions()).anySatisfy(c -> {
                    assertThat(c.type()).isEqualTo("ScalingActive");
                    assertThat(c.status()).isEqualTo("False");
                    assertThat(c.reason()).isEqualTo("FailedGetResourceMetric");
                });
            });
        });
        assertThat(replicas(ns)).isEqualTo(1);
    }

    @Test
    void thisReplicaHoldsTheLeaderLease() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var lease = lease();
            assertThat(lease).isNotNull();
            assertThat(lease.getSpec().getHolderIdentity()).startsWith(
                    System.getenv().getOrDefault("HOSTNAME", "autoscaler") + "-");
        });
    }

    @Test
    void dryRunAutoscalerDecidesButNeverScales() {
        String ns = setUp(true);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            publishHotScrape(ns);
            assertThat(decisionsFor(ns)).anySatisfy(d -> {
                assertThat(d.dryRun()).isTrue();
                assertThat(d.desiredReplicas()).isEqualTo(3);
                assertThat(d.appliedReplicas()).isNull();
            });
        });
        assertThat(replicas(ns)).isEqualTo(1);
        // the decision is queued before the status and Events are written: they follow within moments
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(client.v1().events().inNamespace(ns)
                .list().getItems()).extracting(e -> e.getReason()).contains("DryRunRescale")
                .doesNotContain("SuccessfulRescale"));
    }
}
