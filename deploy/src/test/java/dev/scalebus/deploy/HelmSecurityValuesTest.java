package dev.scalebus.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chart's security values: APIService TLS modes, Kafka client security, PostgreSQL TLS, NetworkPolicy toggle. */
@EnableKubernetesMockClient
class HelmSecurityValuesTest {

    static KubernetesClient client;
    private static final KubernetesSerialization KUBE = new KubernetesSerialization();

    private static List<HasMetadata> render(String... sets) {
        String yaml = HelmChartTest.render(sets);
        assertThat(ApiServerValidation.errors(yaml)).as(String.join(" ", sets)).isEmpty();
        return Manifests.load(client, yaml);
    }

    private static List<GenericKubernetesResource> apiServices(List<HasMetadata> objects) {
        return objects.stream().filter(o -> o.getKind().equals("APIService")).map(HelmSecurityValuesTest::generic)
                .toList();
    }

    /** Any object as a map-backed resource (APIService and cert-manager kinds alike). */
    private static GenericKubernetesResource generic(HasMetadata o) {
        return KUBE.convertValue(o, GenericKubernetesResource.class);
    }

    private static Map<String, Object> spec(GenericKubernetesResource o) {
        return o.get("spec");
    }

    private static PodSpec metricsApiPod(List<HasMetadata> objects) {
        return Workloads.template(objects, "metrics-api").getSpec();
    }

    @Test
    void byDefaultHelmMakesAServingCertificateForTheServiceWhichTheApiServicesVerify() throws Exception {
        List<HasMetadata> objects = render();
        Secret secret = objects.stream().filter(Secret.class::isInstance).map(Secret.class::cast).findFirst()
                .orElseThrow();
        assertThat(secret.getType()).isEqualTo("kubernetes.io/tls");
        X509Certificate ca = certificate(secret.getData().get("ca.crt"));
        X509Certificate serving = certificate(secret.getData().get("tls.crt"));
        serving.verify(ca.getPublicKey());
        assertThat(serving.getSubjectAlternativeNames().stream().map(san -> String.valueOf(san.get(1))).toList())
                .contains("metrics-api.scalebus.svc", "metrics-api.scalebus.svc.cluster.local");
        assertThat(apiServices(objects)).hasSize(4).allSatisfy(a -> {
            assertThat(spec(a)).doesNotContainKey("insecureSkipTLSVerify");
            assertThat(spec(a)).containsEntry("caBundle", secret.getData().get("ca.crt"));
        });
        assertServingCertificateMountedFrom(objects, "metrics-api-serving-cert");
    }

    @Test
    void caBundleModeTrustsTheGivenCaAndMountsTheGivenSecret() {
        String ca = Base64.getEncoder().encodeToString("-----BEGIN CERTIFICATE-----".getBytes());
        List<HasMetadata> objects = render("apiService.tls.mode", "caBundle", "apiService.caBundle", ca,
                "apiService.tls.existingSecret", "my-serving-cert");
        assertThat(objects).noneMatch(Secret.class::isInstance);
        assertThat(apiServices(objects)).hasSize(4).allSatisfy(a -> assertThat(spec(a)).containsEntry("caBundle", ca)
                .doesNotContainKey("insecureSkipTLSVerify"));
        assertServingCertificateMountedFrom(objects, "my-serving-cert");
        assertThatThrownBy(() -> HelmChartTest.render("apiService.tls.mode", "caBundle",
                "apiService.tls.existingSecret", "my-serving-cert")).hasMessageContaining("apiService.caBundle");
    }

    @Test
    void certManagerModeRequestsACertificateWhoseCaIsInjectedIntoTheApiServices() {
        List<HasMetadata> objects = render("apiService.tls.mode", "certManager");
        GenericKubernetesResource certificate = objects.stream().filter(o -> o.getKind().equals("Certificate"))
                .map(HelmSecurityValuesTest::generic).findFirst().orElseThrow();
        assertThat(spec(certificate)).containsEntry("secretName", "metrics-api-serving-cert");
        assertThat(String.valueOf(spec(certificate).get("dnsNames"))).contains("metrics-api.scalebus.svc");
        assertThat(String.valueOf(spec(certificate).get("issuerRef"))).contains("name=scalebus-selfsigned");
        assertThat(objects).anySatisfy(o -> assertThat(Manifests.id(o)).isEqualTo("Issuer/scalebus/scalebus-selfsigned"));
        assertThat(apiServices(objects)).hasSize(4).allSatisfy(a -> {
            assertThat(a.getMetadata().getAnnotations())
                    .containsEntry("cert-manager.io/inject-ca-from", "scalebus/metrics-api-serving");
            assertThat(spec(a)).doesNotContainKeys("insecureSkipTLSVerify", "caBundle");
        });
        assertServingCertificateMountedFrom(objects, "metrics-api-serving-cert");

        List<HasMetadata> ownIssuer = render("apiService.tls.mode", "certManager",
                "apiService.tls.certManager.issuerRef.name", "corp-ca", "apiService.tls.certManager.issuerRef.kind",
                "ClusterIssuer");
        assertThat(ownIssuer).noneMatch(o -> o.getKind().equals("Issuer"));
        assertThat(Manifests.asYaml(ownIssuer.stream().filter(o -> o.getKind().equals("Certificate")).findFirst()
                .orElseThrow())).contains("name: \"corp-ca\"", "kind: \"ClusterIssuer\"");
    }

    @Test
    void insecureModeIsAnExplicitChoiceAndAnUnknownModeFails() {
        List<HasMetadata> objects = render("apiService.tls.mode", "insecure");
        assertThat(apiServices(objects)).hasSize(4)
                .allSatisfy(a -> assertThat(spec(a)).containsEntry("insecureSkipTLSVerify", true));
        assertThat(metricsApiPod(objects).getVolumes()).noneMatch(v -> v.getSecret() != null);
        assertThat(metricsApiPod(objects).getContainers().get(0).getEnv())
                .noneMatch(e -> e.getName().startsWith("SCALEBUS_METRICS_API_TLS_"));
        assertThatThrownBy(() -> HelmChartTest.render("apiService.tls.mode", "plain"))
                .hasMessageContaining("apiService.tls.mode must be");
    }

    @Test
    void kafkaSecurityAndPostgresqlTlsReachEveryServiceFromSecrets() {
        List<HasMetadata> objects = render("kafka.existingSecret", "scalebus-kafka", "kafka.securityProtocol",
                "SASL_SSL", "kafka.saslMechanism", "SCRAM-SHA-512", "kafka.tls.caSecret", "kafka-ca",
                "database.sslMode", "verify-full", "database.tls.caSecret", "pg-ca");
        for (String service : List.of("collector", "metrics-api", "autoscaler", "history")) {
            Container c = Workloads.container(objects, service);
            assertThat(Workloads.env(c, "KAFKA_SECURITY_PROTOCOL")).isEqualTo("SASL_SSL");
            assertThat(Workloads.env(c, "KAFKA_SASL_MECHANISM")).isEqualTo("SCRAM-SHA-512");
            var jaas = Workloads.envVar(c, "KAFKA_SASL_JAAS_CONFIG").getValueFrom().getSecretKeyRef();
            assertThat(jaas.getName()).isEqualTo("scalebus-kafka");
            assertThat(jaas.getKey()).isEqualTo(service + ".sasl.jaas.config");
            assertThat(Workloads.env(c, "KAFKA_SSL_TRUSTSTORE_TYPE")).isEqualTo("PEM");
            assertThat(Workloads.env(c, "KAFKA_SSL_TRUSTSTORE_LOCATION")).isEqualTo("/etc/scalebus/kafka-ca/ca.crt");
            assertThat(c.getVolumeMounts()).anySatisfy(m -> {
                assertThat(m.getMountPath()).isEqualTo("/etc/scalebus/kafka-ca");
                assertThat(Workloads.template(objects, service).getSpec().getVolumes())
                        .anySatisfy(v -> {
                            assertThat(v.getName()).isEqualTo(m.getName());
                            assertThat(v.getSecret().getSecretName()).isEqualTo("kafka-ca");
                        });
            });
        }
        Container history = Workloads.container(objects, "history");
        assertThat(Workloads.env(history, "SCALEBUS_DB_URL")).isEqualTo(
                "jdbc:postgresql://postgresql:5432/scalebus?sslmode=verify-full&sslrootcert=/etc/scalebus/pg-ca/ca.crt");
        assertThat(history.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/etc/scalebus/pg-ca"));
        assertThat(Workloads.env(Workloads.container(render("database.url",
                "jdbc:postgresql://db:5432/scalebus?ApplicationName=history", "database.sslMode", "require"), "history"),
                "SCALEBUS_DB_URL")).isEqualTo("jdbc:postgresql://db:5432/scalebus?ApplicationName=history&sslmode=require");
        // no credentials, no SASL: the chart refuses to render rather than start clients that cannot log in
        assertThatThrownBy(() -> HelmChartTest.render("kafka.saslMechanism", "PLAIN"))
                .hasMessageContaining("kafka.existingSecret");
    }

    @Test
    void defaultValuesSetNoKafkaSecurityAndNetworkPoliciesCanBeTurnedOff() {
        Container collector = Workloads.container(render(), "collector");
        assertThat(collector.getEnv()).noneMatch(e -> e.getName().startsWith("KAFKA_"));
        assertThat(render()).filteredOn(NetworkPolicy.class::isInstance).hasSize(5);
        assertThat(render("networkPolicy.enabled", "false")).noneMatch(NetworkPolicy.class::isInstance);
    }

    private static void assertServingCertificateMountedFrom(List<HasMetadata> objects, String secretName) {
        PodSpec pod = metricsApiPod(objects);
        assertThat(pod.getVolumes()).filteredOn(v -> v.getSecret() != null).anySatisfy(v -> {
            assertThat(v.getSecret().getSecretName()).isEqualTo(secretName);
            assertThat(pod.getContainers().get(0).getVolumeMounts()).anySatisfy(m -> {
                assertThat(m.getName()).isEqualTo(v.getName());
                assertThat(m.getMountPath()).isEqualTo("/etc/scalebus/tls");
            });
        });
        Container c = pod.getContainers().get(0);
        assertThat(Workloads.env(c, "SCALEBUS_METRICS_API_TLS_CERT_FILE")).isEqualTo("/etc/scalebus/tls/tls.crt");
        assertThat(Workloads.env(c, "SCALEBUS_METRICS_API_TLS_PRIVATE_KEY_FILE")).isEqualTo("/etc/scalebus/tls/tls.key");
    }

    private static X509Certificate certificate(String base64Pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(base64Pem)));
    }
}
