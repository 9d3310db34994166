package dev.scalebus.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rendering a user can install — the kustomize base and both overlays, the Helm chart with its default values
 * and with the values the other tests and a production install use — is accepted by a real API server's decoding
 * and validation ({@link ApiServerValidation}), not only by the mock server, which stores whatever it is sent.
 */
class RenderedManifestsAreValidTest {

    static Stream<Arguments> renderings() {
        return Stream.of(
                Arguments.of("kustomize k8s/base", kustomize("k8s/base")),
                Arguments.of("kustomize k8s/overlays/dev", kustomize("k8s/overlays/dev")),
                Arguments.of("kustomize k8s/overlays/production", kustomize("k8s/overlays/production")),
                Arguments.of("helm, default values", helm()),
                Arguments.of("helm, HelmChartTest's values", helm("collector.replicas", "3",
                        "kafka.existingSecret", "scalebus-kafka", "image.registry", "registry.example.com",
                        "adapterRules", "rules: []\nexternalRules: []\n")),
                Arguments.of("helm, production values", helm("collector.replicas", "3", "metricsApi.replicas", "2",
                        "autoscaler.replicas", "2", "history.replicas", "2", "kafka.existingSecret", "scalebus-kafka",
                        "database.urlFromSecret", "true", "metricsApi.apiService", "false")),
                Arguments.of("helm, SASL_SSL Kafka, PostgreSQL TLS and cert-manager", helm("kafka.existingSecret",
                        "scalebus-kafka", "kafka.securityProtocol", "SASL_SSL", "kafka.saslMechanism", "SCRAM-SHA-512",
                        "kafka.tls.caSecret", "scalebus-kafka-ca", "database.sslMode", "verify-full",
                        "database.tls.caSecret", "scalebus-db-ca", "apiService.tls.mode", "certManager")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void aRealApiServerWouldAcceptEveryObject(String rendering, String yaml) {
        assertThat(yaml).contains("kind: Deployment");
        assertThat(ApiServerValidation.errors(yaml)).as(rendering).isEmpty();
    }

    static String kustomize(String dir) {
        Repo.Result r = Repo.run("kubectl", "kustomize", dir);
        assertThat(r.exitCode()).as("kubectl kustomize %s: %s", dir, r.stderr()).isZero();
        return r.stdout();
    }

    static String helm(String... sets) {
        var template = new Helm(HelmChartTest.CHART).template().withName("scalebus").withNamespace("scalebus");
        for (int i = 0; i < sets.length; i += 2) {
            template = template.set(sets[i], sets[i + 1]);
        }
        return template.call();
    }
}
