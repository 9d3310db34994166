package dev.scalebus.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rendering a user can install puts each scalebus service behind a default-deny NetworkPolicy and its own
 * policy: API ports as wide as their callers need, management ports only from the monitoring namespaces, egress by
 * port to DNS, the API server, Kafka, PostgreSQL (history) and the kubelets (collector).
 */
@EnableKubernetesMockClient
class NetworkPoliciesTest {

    static KubernetesClient client;

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> renderings() {
        return RenderedManifestsAreValidTest.renderings();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void everyServiceHasANetworkPolicyBehindADefaultDeny(String rendering, String yaml) {
        List<HasMetadata> objects = Manifests.load(client, yaml);
        List<NetworkPolicy> policies = objects.stream().filter(NetworkPolicy.class::isInstance)
                .map(NetworkPolicy.class::cast).toList();
        for (String service : SecurityPostureTest.MANAGEMENT_PORTS.keySet()) {
            PodTemplateSpec pod = Workloads.template(objects, service);
            Map<String, String> labels = pod.getMetadata().getLabels();
            assertThat(policies).as(service + ": a deny-all policy selects it")
                    .anySatisfy(p -> {
                        assertThat(References.selects(p.getSpec().getPodSelector(), labels)).isTrue();
                        assertThat(p.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
                        assertThat(p.getSpec().getIngress()).isNullOrEmpty();
                        assertThat(p.getSpec().getEgress()).isNullOrEmpty();
                    });
            NetworkPolicy own = policies.stream().filter(p -> p.getMetadata().getName().equals(service))
                    .findFirst().orElseThrow(() -> new AssertionError("no NetworkPolicy " + service));
            assertThat(References.selects(own.getSpec().getPodSelector(), labels)).as(service).isTrue();
            assertThat(own.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
            // the management port only from the monitoring namespaces, never from everywhere
            int management = SecurityPostureTest.MANAGEMENT_PORTS.get(service);
            assertThat(own.getSpec().getIngress()).filteredOn(r -> r.getPorts() != null && r.getPorts().stream()
                    .anyMatch(p -> p.getPort().getIntVal() == management)).singleElement()
                    .satisfies(r -> assertThat(r.getFrom()).singleElement().satisfies(peer -> assertThat(
                            peer.getNamespaceSelector().getMatchLabels()).containsEntry("scalebus.dev/monitoring",
                                    "true")));
            // every ingress rule names its ports: nothing else of the pod is reachable
            assertThat(own.getSpec().getIngress()).allSatisfy(r -> assertThat(r.getPorts()).isNotEmpty());
            assertThat(egressPorts(own)).as(service + " egress").contains(53, 443, 6443, 9092);
        }
        assertThat(egressPorts(policy(policies, "collector"))).contains(10250);
        assertThat(egressPorts(policy(policies, "history"))).contains(5432);
        assertThat(policy(policies, "metrics-api").getSpec().getIngress())
                .anySatisfy(r -> {
                    assertThat(r.getFrom()).as("the API server is not pod-selectable").isNullOrEmpty();
                    assertThat(r.getPorts()).singleElement().satisfies(p -> assertThat(p.getPort().getIntVal())
                            .isEqualTo(8443));
                });
    }

    private static NetworkPolicy policy(List<NetworkPolicy> policies, String name) {
        return policies.stream().filter(p -> p.getMetadata().getName().equals(name)).findFirst().orElseThrow();
    }

    private static List<Integer> egressPorts(NetworkPolicy p) {
        return p.getSpec().getEgress().stream().filter(r -> r.getPorts() != null)
                .flatMap(r -> r.getPorts().stream()).map(port -> port.getPort().getIntVal()).toList();
    }
}
