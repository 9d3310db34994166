package dev.scalebus.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 15's deployment posture, on every rendering a user can install (kustomize base and overlays, the chart with
 * its default and production values): least-privilege RBAC, health on the management ports and never behind a
 * Service, HTTPS only for metrics-api, authentication never switched off, and no secret
 * written as a literal.
 */
@EnableKubernetesMockClient
class SecurityPostureTest {

    static KubernetesClient client;

    static final Map<String, Integer> MANAGEMENT_PORTS = Map.of("collector", 9081, "metrics-api", 9082,
            "autoscaler", 9083, "history", 9084);
    static final Set<String> WRITE_VERBS = Set.of("create", "update", "patch", "delete", "deletecollection", "*");

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> renderings() {
        return RenderedManifestsAreValidTest.renderings();
    }

    private static List<HasMetadata> load(String yaml) {
        return Manifests.load(client, yaml);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void noClusterRoleWritesLeasesAndTheAutoscalerLeadsOnlyItsOwnLease(String rendering, String yaml) {
        List<HasMetadata> objects = load(yaml);
        assertThat(objects).filteredOn(ClusterRole.class::isInstance).map(ClusterRole.class::cast)
                .allSatisfy(r -> assertThat(r.getRules()).as(r.getMetadata().getName())
                        .noneMatch(rule -> covers(rule, "coordination.k8s.io", "leases") && writes(rule)));
        Role leader = objects.stream().filter(Role.class::isInstance).map(Role.class::cast)
                .filter(r -> r.getMetadata().getName().equals("scalebus:autoscaler-leader")).findFirst().orElseThrow();
        assertThat(leader.getMetadata().getNamespace()).isEqualTo("scalebus");
        String lease = Workloads.env(Workloads.container(objects, "autoscaler"),
                "SCALEBUS_AUTOSCALER_LEADER_ELECTION_LEASE_NAME");
        assertThat(leader.getRules()).allSatisfy(rule -> {
            assertThat(rule.getApiGroups()).containsExactly("coordination.k8s.io");
            assertThat(rule.getResources()).containsExactly("leases");
            // RBAC cannot restrict create by name: create alone goes without resourceNames
            if (rule.getResourceNames() == null || rule.getResourceNames().isEmpty()) {
                assertThat(rule.getVerbs()).containsExactly("create");
            } else {
                assertThat(rule.getResourceNames()).containsExactly(lease);
                assertThat(rule.getVerbs()).containsExactlyInAnyOrder("get", "update", "patch");
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void callersAreReviewedAndTheReaderAndSimulatorRolesAggregateIntoTheDefaultRoles(String rendering, String yaml) {
        List<HasMetadata> objects = load(yaml);
        for (String account : List.of("metrics-api", "autoscaler", "history")) {
            assertThat(objects).filteredOn(ClusterRoleBinding.class::isInstance).map(ClusterRoleBinding.class::cast)
                    .filteredOn(b -> b.getRoleRef().getName().equals("system:auth-delegator"))
                    .as(account + " may create TokenReviews and SubjectAccessReviews")
                    .anySatisfy(b -> assertThat(b.getSubjects()).anySatisfy(s -> {
                        assertThat(s.getName()).isEqualTo(account);
                        assertThat(s.getNamespace()).isEqualTo("scalebus");
                    }));
        }
        // a reviewing service needs its own token
        assertThat(objects).filteredOn(ServiceAccount.class::isInstance).map(ServiceAccount.class::cast)
                .allSatisfy(a -> assertThat(a.getAutomountServiceAccountToken()).isNotEqualTo(Boolean.FALSE));
        Map<String, ClusterRole> roles = Workloads.clusterRoles(objects);
        assertThat(roles.get("scalebus-history-reader").getMetadata().getLabels())
                .containsEntry("rbac.authorization.k8s.io/aggregate-to-view", "true");
        assertThat(roles.get("scalebus-history-reader").getRules()).singleElement().satisfies(r -> {
            assertThat(r.getApiGroups()).containsExactly("scalebus.dev");
            assertThat(r.getResources()).containsExactlyInAnyOrder("samples", "decisions");
            assertThat(r.getVerbs()).containsExactlyInAnyOrder("get", "list");
        });
        assertThat(roles.get("scalebus-simulator").getMetadata().getLabels())
                .containsEntry("rbac.authorization.k8s.io/aggregate-to-edit", "true");
        assertThat(roles.get("scalebus-simulator").getRules()).singleElement().satisfies(r -> {
            assertThat(r.getApiGroups()).containsExactly("scalebus.dev");
            assertThat(r.getResources()).containsExactlyInAnyOrder("simulations", "backtests");
            assertThat(r.getVerbs()).containsExactly("create");
        });
        // a backtest reads history with the autoscaler's own token, after checking the caller's own read rights
        assertThat(objects).filteredOn(ClusterRoleBinding.class::isInstance).map(ClusterRoleBinding.class::cast)
                .filteredOn(b -> b.getRoleRef().getName().equals("scalebus-history-reader"))
                .as("the autoscaler reads history for backtests")
                .anySatisfy(b -> assertThat(b.getSubjects()).anySatisfy(s -> {
                    assertThat(s.getName()).isEqualTo("autoscaler");
                    assertThat(s.getNamespace()).isEqualTo("scalebus");
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void healthIsProbedOnTheManagementPortsWhichNoServiceExposesAndMetricsApiIsHttpsOnly(String rendering,
            String yaml) {
        List<HasMetadata> objects = load(yaml);
        for (String service : List.of("collector", "autoscaler", "history")) {
            Container c = Workloads.container(objects, service);
            for (Probe probe : List.of(c.getLivenessProbe(), c.getReadinessProbe())) {
                assertThat(probe.getHttpGet().getPath()).as(service).startsWith("/q/health/");
                assertThat(portNumber(c, probe.getHttpGet().getPort())).as(service)
                        .isEqualTo(MANAGEMENT_PORTS.get(service));
            }
        }
        Container metricsApi = Workloads.container(objects, "metrics-api");
        assertThat(List.of(metricsApi.getLivenessProbe(), metricsApi.getReadinessProbe())).allSatisfy(p -> {
            assertThat(p.getHttpGet().getScheme()).isEqualTo("HTTPS");
            assertThat(portNumber(metricsApi, p.getHttpGet().getPort())).isEqualTo(8443);
        });
        assertThat(Workloads.env(metricsApi, "QUARKUS_HTTP_INSECURE_REQUESTS")).isEqualTo("disabled");
        List<Service> services = objects.stream().filter(Service.class::isInstance).map(Service.class::cast)
                .filter(s -> MANAGEMENT_PORTS.containsKey(s.getMetadata().getName())).toList();
        assertThat(services).hasSize(4).allSatisfy(s -> {
            Container c = Workloads.container(objects, s.getMetadata().getName());
            assertThat(s.getSpec().getPorts() == null ? List.<Integer>of() : s.getSpec().getPorts().stream()
                    .map(p -> portNumber(c, p.getTargetPort() == null ? new IntOrString(p.getPort())
                            : p.getTargetPort())).toList())
                    .as(s.getMetadata().getName()).doesNotContainAnyElementsOf(MANAGEMENT_PORTS.values());
        });
        assertThat(services).filteredOn(s -> s.getMetadata().getName().equals("metrics-api")).singleElement()
                .satisfies(s -> assertThat(s.getSpec().getPorts()).singleElement().satisfies(p -> {
                    assertThat(p.getPort()).isEqualTo(443);
                    assertThat(p.getTargetPort().getStrVal()).isEqualTo("https");
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void authenticationIsNeverSwitchedOffAndNoSecretIsALiteral(String rendering, String yaml) {
        List<HasMetadata> objects = load(yaml);
        for (HasMetadata o : objects) {
            PodTemplateSpec t = Workloads.templateOf(o);
            if (t == null) {
                continue;
            }
            for (Container c : t.getSpec().getContainers()) {
                for (var e : c.getEnv() == null ? List.<io.fabric8.kubernetes.api.model.EnvVar>of() : c.getEnv()) {
                    String where = Manifests.id(o) + " env " + e.getName();
                    if (e.getName().endsWith("_AUTHENTICATION_ENABLED")) {
                        assertThat(e.getValue()).as(where).isNotEqualToIgnoringCase("false");
                    }
                    if (e.getName().matches(".*(PASSWORD|SECRET|TOKEN|JAAS).*")) {
                        assertThat(e.getValue()).as(where + ": a secret comes from a secretKeyRef").isNullOrEmpty();
                        assertThat(e.getValueFrom().getSecretKeyRef()).as(where).isNotNull();
                    }
                }
            }
        }
        // no Secret with content is shipped, but the serving certificate Helm generates at install (selfSigned)
        assertThat(objects).filteredOn(Secret.class::isInstance)
                .allSatisfy(s -> assertThat(s.getMetadata().getName()).isEqualTo("metrics-api-serving-cert"));
    }

    private static int portNumber(Container c, IntOrString port) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return c.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName()))
                .map(ContainerPort::getContainerPort).findFirst()
                .orElseThrow(() -> new AssertionError(c.getName() + " declares no port " + port.getStrVal()));
    }

    private static boolean covers(PolicyRule rule, String group, String resource) {
        return (rule.getApiGroups().contains(group) || rule.getApiGroups().contains("*"))
                && (rule.getResources().contains(resource) || rule.getResources().contains("*"));
    }

    private static boolean writes(PolicyRule rule) {
        return rule.getVerbs().stream().anyMatch(WRITE_VERBS::contains);
    }
}
