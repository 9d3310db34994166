package dev.scalebus.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The Helm chart lints, renders with Helm itself, and holds the same objects as the kustomize base. */
@EnableKubernetesMockClient(crud = true)
class HelmChartTest {

    static KubernetesClient client;
    static final Path CHART = Repo.ROOT.resolve("k8s/helm/scalebus");

    static String render(String... sets) {
        var template = new Helm(CHART).template().withName("scalebus").withNamespace("scalebus");
        for (int i = 0; i < sets.length; i += 2) {
            template = template.set(sets[i], sets[i + 1]);
        }
        return template.call();
    }

    @Test
    void chartLintsClean() {
        LintResult result = new Helm(CHART).lint().strict().call();
        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
    }

    @Test
    void chartRendersTheObjectsOfTheKustomizeBase() {
        String yaml = render();
        // the mock server stores whatever it is sent: validate as a real API server first
        assertThat(ApiServerValidation.errors(yaml)).isEmpty();
        List<HasMetadata> rendered = Manifests.load(client, yaml);
        ReleaseAssertions.shardsFollowTheReplicasAndTheLeaseItsNamespace(rendered, 1);
        Repo.Result base = Repo.run("kubectl", "kustomize", "k8s/base");
        assertThat(base.exitCode()).as(base.stderr()).isZero();
        Set<String> expected = Manifests.load(client, base.stdout()).stream()
                // the chart installs into the release namespace and passes settings as env (no scalebus-config), and Helm
                // installs CRDs from crds/ (checked below) rather than rendering them
                .filter(o -> !o.getKind().matches("Namespace|CustomResourceDefinition"))
                .filter(o -> !o.getMetadata().getName().equals("scalebus-config"))
                .map(Manifests::id).collect(Collectors.toSet());
        // besides: the serving certificate Helm generates at install (apiService.tls.mode selfSigned, the default),
        // which kustomize cannot make (the base's APIServices skip TLS verification instead)
        assertThat(rendered).extracting(Manifests::id).filteredOn(id -> !id.equals("Secret/scalebus/metrics-api-serving-cert"))
                .containsExactlyInAnyOrderElementsOf(expected);
        List<HasMetadata> stored = Manifests.createAll(client, rendered);
        try {
            assertThat(stored).hasSameSizeAs(rendered);
        } finally {
            Manifests.deleteAll(client, stored);
        }
    }

    @Test
    void valuesScaleTheCollectorShardsAndReadKafkaFromASecret() {
        String yaml = render("collector.replicas", "3", "kafka.existingSecret", "scalebus-kafka", "image.registry",
                "registry.example.com");
        assertThat(ApiServerValidation.errors(yaml)).isEmpty();
        List<HasMetadata> rendered = Manifests.load(client, yaml);
        ReleaseAssertions.shardsFollowTheReplicasAndTheLeaseItsNamespace(rendered, 3);
        StatefulSet collector = rendered.stream().filter(StatefulSet.class::isInstance).map(StatefulSet.class::cast)
                .findFirst().orElseThrow();
        assertThat(collector.getSpec().getReplicas()).isEqualTo(3);
        var container = collector.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getImage()).isEqualTo("registry.example.com/scalebus/collector-service:0.1.0");
        assertThat(container.getEnv()).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("SCALEBUS_COLLECTOR_SHARD_COUNT");
            assertThat(e.getValue()).isEqualTo("3");
        }).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("SCALEBUS_KAFKA_BOOTSTRAP");
            assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("scalebus-kafka");
        });
    }

    @Test
    void chartShipsTheSameCrdAsKustomize() throws Exception {
        assertThat(Files.readString(CHART.resolve("crds/horizontalautoscaler.yaml")))
                .isEqualTo(Files.readString(Repo.ROOT.resolve("k8s/crd/horizontalautoscaler.yaml")));
    }

    @Test
    void chartShipsTheSameAdapterRulesAsKustomizeAndTakesThemFromValues() {
        Repo.Result base = Repo.run("kubectl", "kustomize", "k8s/base");
        String kustomized = rulesOf(Manifests.load(client, base.stdout()));
        assertThat(kustomized).contains("http_requests_total").contains("externalRules:");
        assertThat(rulesOf(Manifests.load(client, render()))).isEqualTo(kustomized);

        String custom = "rules: []\nexternalRules: []\n";
        assertThat(rulesOf(Manifests.load(client, render("adapterRules", custom)))).isEqualTo(custom);
    }

    private static String rulesOf(List<HasMetadata> objects) {
        return objects.stream().filter(o -> o.getMetadata().getName().equals("scalebus-adapter-rules"))
                .map(o -> ((io.fabric8.kubernetes.api.model.ConfigMap) o).getData().get("config.yaml"))
                .findFirst().orElseThrow(() -> new AssertionError("no scalebus-adapter-rules ConfigMap"));
    }
}
