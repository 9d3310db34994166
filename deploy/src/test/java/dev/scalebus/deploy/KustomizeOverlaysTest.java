package dev.scalebus.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every kustomize overlay builds with `kubectl kustomize`, loads into the fabric8 model and is accepted by the API. */
@EnableKubernetesMockClient(crud = true)
class KustomizeOverlaysTest {

    static KubernetesClient client;

    static List<HasMetadata> build(String dir) {
        return Manifests.load(client, RenderedManifestsAreValidTest.kustomize(dir));
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s/base", "k8s/overlays/dev", "k8s/overlays/production"})
    void everyOverlayBuildsAndTheApiServerAcceptsEveryObject(String dir) {
        String yaml = RenderedManifestsAreValidTest.kustomize(dir);
        // the mock server stores whatever it is sent: validate as a real API server first
        assertThat(ApiServerValidation.errors(yaml)).as(dir).isEmpty();
        List<HasMetadata> objects = Manifests.load(client, yaml);
        assertThat(objects).isNotEmpty();
        List<HasMetadata> stored = Manifests.createAll(client, objects);
        try {
            assertThat(stored).extracting(Manifests::id)
                    .containsExactlyInAnyOrderElementsOf(objects.stream().map(Manifests::id).toList());
        } finally {
            Manifests.deleteAll(client, stored);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"k8s/overlays/dev", "k8s/overlays/production"})
    void everyScalebusWorkloadHasProbesRequestsAndARestrictedSecurityContext(String dir) {
        List<PodSpec> specs = build(dir).stream()
                .filter(o -> o instanceof Deployment || o instanceof StatefulSet)
                .filter(o -> o.getMetadata().getName().matches("collector|metrics-api|autoscaler|history"))
                .map(o -> o instanceof Deployment d ? d.getSpec().getTemplate().getSpec()
                        : ((StatefulSet) o).getSpec().getTemplate().getSpec())
                .toList();
        assertThat(specs).hasSize(4);
        for (PodSpec spec : specs) {
            assertThat(spec.getSecurityContext().getRunAsNonRoot()).isTrue();
            Container c = spec.getContainers().get(0);
            assertThat(c.getLivenessProbe()).as(c.getName() + " liveness").isNotNull();
            assertThat(c.getReadinessProbe()).as(c.getName() + " readiness").isNotNull();
            assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
            assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
            assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
            assertThat(c.getSecurityContext().getCapabilities().getDrop()).contains("ALL");
        }
    }

    @Test
    void rbacGrantsWhatEachServiceNeedsAndWiresTheAggregatedApi() {
        List<HasMetadata> objects = build("k8s/base");
        Map<String, ClusterRole> roles = objects.stream().filter(ClusterRole.class::isInstance).map(ClusterRole.class::cast)
                .collect(Collectors.toMap(r -> r.getMetadata().getName(), r -> r));
        assertThat(resources(roles.get("scalebus:collector"))).contains("nodes", "nodes/metrics", "nodes/stats", "pods");
        assertThat(resources(roles.get("scalebus:autoscaler"))).contains("*/scale", "events", "pods",
                "horizontalautoscalers", "horizontalautoscalers/status").doesNotContain("leases");
        // metrics-api reads node labels only: pod and namespace metadata come from the collector's records
        assertThat(resources(roles.get("scalebus:metrics-api"))).containsExactly("nodes");
        assertThat(roles.get("system:aggregated-metrics-reader").getMetadata().getLabels()).containsEntry(
                "rbac.authorization.k8s.io/aggregate-to-view", "true").containsEntry(
                "rbac.authorization.k8s.io/aggregate-to-edit", "true").containsEntry(
                "rbac.authorization.k8s.io/aggregate-to-admin", "true");
        assertThat(objects).filteredOn(ClusterRoleBinding.class::isInstance).map(ClusterRoleBinding.class::cast)
                .anySatisfy(b -> assertThat(b.getRoleRef().getName()).isEqualTo("system:auth-delegator"));
        assertThat(objects).filteredOn(RoleBinding.class::isInstance).map(RoleBinding.class::cast)
                .anySatisfy(b -> {
                    assertThat(b.getMetadata().getNamespace()).isEqualTo("kube-system");
                    assertThat(b.getRoleRef().getName()).isEqualTo("extension-apiserver-authentication-reader");
                });
        List<HasMetadata> apiServices = objects.stream().filter(o -> o.getKind().equals("APIService")).toList();
        assertThat(apiServices).extracting(o -> o.getMetadata().getName()).containsExactlyInAnyOrder(
                "v1beta1.metrics.k8s.io", "v1beta2.custom.metrics.k8s.io", "v1beta1.custom.metrics.k8s.io",
                "v1beta1.external.metrics.k8s.io");
        assertThat(apiServices).allSatisfy(a -> assertThat(Manifests.asYaml(a)).contains("name: \"metrics-api\"")
                .contains("namespace: \"scalebus\""));
        assertThat(objects).filteredOn(ClusterRoleBinding.class::isInstance).map(ClusterRoleBinding.class::cast)
                .anySatisfy(b -> {
                    assertThat(b.getRoleRef().getName()).isEqualTo("scalebus:custom-metrics-reader");
                    assertThat(b.getSubjects()).singleElement().satisfies(s -> {
                        assertThat(s.getName()).isEqualTo("horizontal-pod-autoscaler");
                        assertThat(s.getNamespace()).isEqualTo("kube-system");
                    });
                });
        assertThat(objects).filteredOn(o -> o.getMetadata().getName().matches("collector|metrics-api"))
                .filteredOn(o -> o instanceof Deployment || o instanceof StatefulSet).hasSize(2).allSatisfy(o -> {
                    var pod = o instanceof Deployment d ? d.getSpec().getTemplate().getSpec()
                            : ((StatefulSet) o).getSpec().getTemplate().getSpec();
                    assertThat(pod.getVolumes()).anySatisfy(v -> assertThat(v.getConfigMap()).isNotNull()
                            .extracting(c -> c.getName()).isEqualTo("scalebus-adapter-rules"));
                    assertThat(pod.getContainers().get(0).getEnv()).anySatisfy(e -> {
                        assertThat(e.getName()).endsWith("_CUSTOM_METRICS_RULES_FILE");
                        assertThat(e.getValue()).isEqualTo("/etc/scalebus/adapter-rules/config.yaml");
                    });
                });
        assertThat(objects).anySatisfy(o -> assertThat(Manifests.id(o))
                .isEqualTo("CustomResourceDefinition/horizontalautoscalers.autoscaling.scalebus.dev"));
    }

    @Test
    void productionRunsHighlyAvailableOnExternalKafkaAndPostgresqlFromSecrets() {
        List<HasMetadata> objects = build("k8s/overlays/production");
        assertThat(objects).noneMatch(o -> o.getMetadata().getName().matches("kafka|postgresql"));
        assertThat(objects).filteredOn(o -> o.getKind().equals("ConfigMap")).extracting(o -> o.getMetadata().getName())
                .containsExactly("scalebus-adapter-rules");
        assertThat(objects).filteredOn(o -> o instanceof Deployment || o instanceof StatefulSet)
                .allSatisfy(o -> {
                    Integer replicas = o instanceof Deployment d ? d.getSpec().getReplicas()
                            : ((StatefulSet) o).getSpec().getReplicas();
                    assertThat(replicas).as(Manifests.id(o)).isGreaterThan(1);
                    Container c = (o instanceof Deployment d ? d.getSpec().getTemplate().getSpec()
                            : ((StatefulSet) o).getSpec().getTemplate().getSpec()).getContainers().get(0);
                    assertThat(c.getEnv()).anySatisfy(e -> {
                        assertThat(e.getName()).isEqualTo("SCALEBUS_KAFKA_BOOTSTRAP");
                        assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("scalebus-kafka");
                    });
                    // Kafka client security from optional keys of the same Secret: each service its own credentials
                    var jaas = Workloads.envVar(c, "KAFKA_SASL_JAAS_CONFIG").getValueFrom().getSecretKeyRef();
                    assertThat(jaas.getName()).isEqualTo("scalebus-kafka");
                    assertThat(jaas.getKey()).isEqualTo(o.getMetadata().getName() + ".sasl.jaas.config");
                    assertThat(jaas.getOptional()).isTrue();
                    for (String name : List.of("KAFKA_SECURITY_PROTOCOL", "KAFKA_SASL_MECHANISM",
                            "KAFKA_SSL_TRUSTSTORE_TYPE", "KAFKA_SSL_TRUSTSTORE_LOCATION")) {
                        assertThat(Workloads.envVar(c, name).getValueFrom().getSecretKeyRef().getOptional()).as(name)
                                .isTrue();
                    }
                    assertThat(c.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath())
                            .isEqualTo("/etc/scalebus/kafka-ca"));
                });
    }

    @ParameterizedTest
    @CsvSource({"k8s/base, 1", "k8s/overlays/dev, 1", "k8s/overlays/production, 3"})
    void collectorShardsFollowThePodOrdinalAndTheReplicasAndTheAutoscalerLeasesInItsNamespace(String dir,
            int collectorReplicas) {
        ReleaseAssertions.shardsFollowTheReplicasAndTheLeaseItsNamespace(build(dir), collectorReplicas);
    }

    @Test
    void devBundlesKafkaAndPostgresqlWithCredentialsFromASecretTheOperatorCreates() {
        List<HasMetadata> objects = build("k8s/overlays/dev");
        assertThat(objects).extracting(Manifests::id).contains("StatefulSet/scalebus/kafka",
                "StatefulSet/scalebus/postgresql", "Service/scalebus/kafka", "Service/scalebus/postgresql")
                .doesNotContain("Secret/scalebus/scalebus-db");
        StatefulSet postgresql = objects.stream().filter(StatefulSet.class::isInstance).map(StatefulSet.class::cast)
                .filter(s -> s.getMetadata().getName().equals("postgresql")).findFirst().orElseThrow();
        assertThat(postgresql.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .filteredOn(e -> e.getName().equals("POSTGRES_PASSWORD")).singleElement()
                .satisfies(e -> assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("scalebus-db"));
    }

    private static List<String> resources(ClusterRole role) {
        return role.getRules().stream().flatMap(r -> r.getResources().stream()).toList();
    }
}
