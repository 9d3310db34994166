package dev.scalebus.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scalebus.simulator.kube.PodNames;
import dev.scalebus.simulator.podmetrics.MetricsEndpoint;
import dev.scalebus.simulator.workload.LoadProfile;
import dev.scalebus.simulator.workload.SimPod;
import dev.scalebus.simulator.workload.WorkloadSpec;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Generated pod names that are taken (the bench saw ~3.6% of 1,000-replica runs stay one pod short): the controller
 * tries another name, as the ReplicaSet controller with generateName does, and the pod set reaches spec.replicas.
 * The name source is injected ({@link SimulatorSettings#podNameSuffixes}) so each collision is forced.
 */
class PodNameCollisionTest {

    private static final String NS = "names-" + UUID.randomUUID().toString().substring(0, 8);
    private static final int PORT = ThreadLocalRandom.current().nextInt(20_000, 30_000);
    private static final WorkloadSpec FAST = WorkloadSpec.DEFAULT.withReadyDelay(Duration.ofMillis(200))
            .withTerminationGrace(Duration.ofMillis(200));
    /** What the controller's next generated names are; random once empty. */
    private static final Queue<Supplier<String>> NEXT_SUFFIXES = new ConcurrentLinkedQueue<>();
    private static SimulatedCluster cluster;

    @BeforeAll
    static void start() {
        NEXT_SUFFIXES.add(() -> "bbbbb");
        cluster = SimulatedCluster.start(SimulatorSettings.builder()
                .nodeNamePrefix("names-" + UUID.randomUUID().toString().substring(0, 8))
                .nodeCount(2)
                .loopbackBase(SimulatorSettings.randomLoopbackBase())
                .reconcileInterval(Duration.ofMillis(100))
                .podNameSuffixes(() -> {
                    Supplier<String> next = NEXT_SUFFIXES.poll();
                    return next != null ? next.get() : PodNames.suffix(5);
                })
                .deployment(DeploymentSpec.of(NS, "web", 1, "50m", "64Mi", FAST, new LoadProfile.Constant(10))
                        .withMetrics(new MetricsEndpoint(PORT, "/metrics")))
                .build());
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void takenNamesAreSkippedAndTheDeploymentStillReachesItsReplicaCount() throws Exception {
        awaitReadyPods(1);
        String rs = cluster.client().apps().replicaSets().inNamespace(NS).list().getItems().get(0).getMetadata()
                .getName();
        String first = rs + "-bbbbb";
        assertThat(ownedPodNames()).containsExactly(first);
        String firstIp = cluster.client().pods().inNamespace(NS).withName(first).get().getStatus().getPodIP();
        createStranger(rs + "-ccccc");

        // scale to 2: the next names are the Deployment's own pod, a stranger listed before the pass, a pod created
        // by someone else between the pass's list and its create (the API answers 409), then a free one
        NEXT_SUFFIXES.addAll(List.of(() -> "bbbbb", () -> "ccccc", () -> {
            createStranger(rs + "-ddddd");
            return "ddddd";
        }, () -> "fffff"));
        cluster.client().apps().deployments().inNamespace(NS).withName("web").scale(2);
        awaitReadyPods(2);
        assertThat(NEXT_SUFFIXES).isEmpty();
        assertThat(ownedPodNames()).containsExactlyInAnyOrder(first, rs + "-fffff");
        assertThat(cluster.pods(NS, "web")).extracting(SimPod::name).containsExactlyInAnyOrder(first, rs + "-fffff");
        // the existing pod whose name came up again kept its address and its endpoint
        assertThat(cluster.client().pods().inNamespace(NS).withName(first).get().getStatus().getPodIP())
                .isEqualTo(firstIp);
        assertThat(cluster.podMetricsUrl(NS, first).getHost()).isEqualTo(firstIp);
        assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(cluster.podMetricsUrl(NS, first)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        for (String stranger : List.of(rs + "-ccccc", rs + "-ddddd")) {
            Pod p = cluster.client().pods().inNamespace(NS).withName(stranger).get();
            assertThat(p.getMetadata().getOwnerReferences()).as(stranger).isNullOrEmpty();
            assertThat(p.getMetadata().getFinalizers()).as(stranger).isNullOrEmpty();
        }

        // scale to 3 while every name one pass tries is taken: the next pass creates the pod
        NEXT_SUFFIXES.addAll(Collections.nCopies(8, () -> "ccccc"));
        NEXT_SUFFIXES.add(() -> "ggggg");
        cluster.client().apps().deployments().inNamespace(NS).withName("web").scale(3);
        awaitReadyPods(3);
        assertThat(NEXT_SUFFIXES).isEmpty();
        assertThat(ownedPodNames()).containsExactlyInAnyOrder(first, rs + "-fffff", rs + "-ggggg");
    }

    private static void awaitReadyPods(int replicas) {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            Deployment d = cluster.client().apps().deployments().inNamespace(NS).withName("web").get();
            assertThat(d.getStatus().getReplicas()).isEqualTo(replicas);
            assertThat(d.getStatus().getReadyReplicas()).isEqualTo(replicas);
            assertThat(ownedPodNames()).hasSize(replicas);
        });
    }

    /** Pods the Deployment's ReplicaSet controls, as a client sees them. */
    private static List<String> ownedPodNames() {
        return cluster.client().pods().inNamespace(NS).list().getItems().stream()
                .filter(p -> p.getMetadata().getOwnerReferences() != null
                        && p.getMetadata().getOwnerReferences().stream().anyMatch(o -> "ReplicaSet".equals(o.getKind())))
                .map(p -> p.getMetadata().getName()).toList();
    }

    private static void createStranger(String name) {
        cluster.client().pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName(name)
                .withNamespace(NS).endMetadata().withNewSpec().addNewContainer().withName("other").withImage("other")
                .endContainer().endSpec().build()).create();
    }
}
