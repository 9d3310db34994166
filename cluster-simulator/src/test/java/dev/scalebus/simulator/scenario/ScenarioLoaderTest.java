package dev.scalebus.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalebus.simulator.DeploymentSpec;
import dev.scalebus.simulator.SimulatorSettings;
import dev.scalebus.simulator.podmetrics.MetricsEndpoint;
import dev.scalebus.simulator.workload.DeploymentWorkload;
import dev.scalebus.simulator.workload.SimContainer;
import dev.scalebus.simulator.workload.SimPod;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScenarioLoaderTest {

    private static final Path SCENARIOS = Path.of("scenarios");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void seedScenarioIsTheEladminWebWalkthrough() {
        SimulatorSettings s = ScenarioLoader.load(SCENARIOS.resolve("seed-ab-load.yaml")).build();
        DeploymentSpec web = s.deployments().get(0);
        assertThat(web.namespace()).isEqualTo("yuchao");
        assertThat(web.name()).isEqualTo("eladmin-web");
        assertThat(web.replicas()).isEqualTo(1);
        assertThat(web.containers().get(0).cpuRequest()).isEqualTo("50m");
        assertThat(web.containers().get(0).memoryRequest()).isEqualTo("200Mi");
        assertThat(web.metrics()).isEqualTo(new MetricsEndpoint(8080, "/metrics"));
        assertThat(s.podLoopbackBase()).as("kubelets at 127.1, pods at 127.2").isEqualTo(2);
    }

    @Test
    void e2eScenarioHasTheShopAppWithMetricsAndTheConsumerWithout() {
        SimulatorSettings s = ScenarioLoader.load(SCENARIOS.resolve("e2e.yaml")).build();
        assertThat(s.deployments()).extracting(d -> d.namespace() + "/" + d.name())
                .containsExactly("yuchao/eladmin-web", "shop/web-api", "shop/order-consumer");
        DeploymentSpec web = s.deployments().get(1);
        assertThat(web.metrics()).isEqualTo(new MetricsEndpoint(8080, "/metrics"));
        assertThat(web.containers().get(0).cpuRequest()).isEqualTo("100m");
        assertThat(web.containers().get(0).memoryRequest()).isEqualTo("128Mi");
        assertThat(web.profile().requestsPerSecond(100)).isZero();
        DeploymentSpec consumer = s.deployments().get(2);
        assertThat(consumer.metrics()).isNull();
        assertThat(consumer.containers().get(0).cpuRequest()).isEqualTo("50m");
        assertThat(consumer.containers().get(0).memoryRequest()).isEqualTo("64Mi");
        assertThat(s.deployments().get(0).metrics()).isNull();
    }

    @Test
    void metricsEndpointDefaultsAndPodAddressBase() {
        SimulatorSettings s = ScenarioLoader.parse("""
                podLoopbackBase: 40
                deployments:
                  - {namespace: a, name: b, containers: [{name: c}], metrics: {}}
                  - {namespace: a, name: d, containers: [{name: c}], metrics: {port: 9102, path: /stats/prometheus}}
                """, null).build();
        assertThat(s.podLoopbackBase()).isEqualTo(40);
        assertThat(s.deployments().get(0).metrics()).isEqualTo(new MetricsEndpoint(8080, "/metrics"));
        assertThat(s.deployments().get(1).metrics().annotations()).containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/port", "9102").containsEntry("prometheus.io/path", "/stats/prometheus");
        assertThatThrownBy(() -> ScenarioLoader.parse("kubelet: {loopbackBase: 7}\npodLoopbackBase: 7", null).build())
                .hasMessageContaining("podLoopbackBase");
    }

    @Test
    void seedBurstKeepsOneAndThreePodsFarAbove80PercentAndQuietIsFarBelow() {
        DeploymentSpec web = ScenarioLoader.load(SCENARIOS.resolve("seed-ab-load.yaml")).build().deployments().get(0);
        double requestMillicores = 50;
        Instant burst = T0.plusSeconds(120);
        Instant quiet = T0.plusSeconds(900);
        assertThat(utilization(web, 1, burst) / requestMillicores).isGreaterThan(3.0);
        assertThat(utilization(web, 3, burst) / requestMillicores).isGreaterThan(1.5);
        assertThat(utilization(web, 1, quiet) / requestMillicores).isLessThan(0.2);
        assertThat(utilization(web, 1, T0.plusSeconds(30)) / requestMillicores).isLessThan(0.2);
    }

    /** CPU millicores of one of {@code ready} ready pods at {@code at}. */
    private static double utilization(DeploymentSpec spec, int ready, Instant at) {
        DeploymentWorkload w = new DeploymentWorkload(spec.namespace(), spec.name(), spec.workload(), spec.profile(),
                T0, 1);
        List<SimPod> pods = new ArrayList<>();
        for (int i = 0; i < ready; i++) {
            SimPod p = new SimPod(spec.namespace(), "p" + i, "u" + i, "n", Map.of(),
                    List.of(new SimContainer("eladmin-web", 50, 0, 200L << 20, T0)), T0, w);
            w.addPod(p, T0);
            w.markReady(p, T0);
            pods.add(p);
        }
        return pods.get(0).sample(at).cpuUsageNanoCores() / 1e6;
    }

    @Test
    void largeScenarioIsFiveThousandNodesOfThirtyPods() {
        SimulatorSettings s = ScenarioLoader.load(SCENARIOS.resolve("large.yaml")).build();
        assertThat(s.nodeCount()).isEqualTo(5000);
        assertThat(s.podsPerNode()).isEqualTo(30);
        assertThat(s.fillerPodsInApi()).isFalse();
        assertThat(s.kubeletWildcardBind()).isTrue();
        assertThat(s.reconcileInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.deployments()).hasSize(2);
    }

    @Test
    void errorsNameTheField() {
        assertThatThrownBy(() -> ScenarioLoader.parse("nodes: {count: many}", null))
                .hasMessageContaining("nodes.count");
        assertThatThrownBy(() -> ScenarioLoader.parse("""
                deployments:
                  - namespace: a
                    name: b
                    containers: [{name: c, cpuRequest: lots}]
                """, null)).hasMessageContaining("deployments[0].containers[0].cpuRequest");
        assertThatThrownBy(() -> ScenarioLoader.parse("""
                deployments:
                  - namespace: a
                    name: b
                    containers: [{name: c}]
                    load: {type: square}
                """, null)).hasMessageContaining("deployments[0].load.type").hasMessageContaining("square");
        assertThatThrownBy(() -> ScenarioLoader.parse("""
                deployments:
                  - namespace: a
                    name: b
                    containers: [{name: c}]
                    load: {type: step, points: [{at: soon, rps: 1}]}
                """, null)).hasMessageContaining("deployments[0].load.points[0].at");
        assertThatThrownBy(() -> ScenarioLoader.parse(
                "deployments: [{namespace: a, name: b, containers: [{name: c}], metrics: {port: 0}}]", null))
                .hasMessageContaining("deployments[0].metrics.port");
        assertThatThrownBy(() -> ScenarioLoader.parse(
                "deployments: [{namespace: a, name: b, containers: [{name: c}], metrics: {path: metrics}}]", null))
                .hasMessageContaining("deployments[0].metrics.path");
        assertThatThrownBy(() -> ScenarioLoader.parse("deployments: [{name: b, containers: [{name: c}]}]", null))
                .hasMessageContaining("deployments[0].namespace: required");
    }
}
