package dev.scalebus.metricsapi.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebus.metricsapi.TlsTestResource;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up lookup of the front-proxy CA against a fabric8 mock apiserver (CRUD mode). */
@EnableKubernetesMockClient(crud = true)
class ExtensionApiserverAuthenticationTest {

    static KubernetesClient client;

    @TempDir
    Path dir;

    @AfterEach
    void removeConfigMap() {
        client.configMaps().inNamespace("kube-system").withName("extension-apiserver-authentication").delete();
    }

    @Test
    void writesTheClientCaAndGivesTheRequestheaderProperties() throws Exception {
        new TlsTestResource().start();
        String caPem = Files.readString(TlsTestResource.file("ca.crt"));
        client.configMaps().inNamespace("kube-system").resource(new ConfigMapBuilder().withNewMetadata()
                .withName("extension-apiserver-authentication").endMetadata()
                .addToData("requestheader-client-ca-file", caPem)
                .addToData("requestheader-allowed-names", "[\"" + TlsTestResource.ALLOWED_CN + "\"]")
                .addToData("requestheader-username-headers", "[\"X-Remote-User\"]").build()).create();

        Map<String, String> properties = ExtensionApiserverAuthentication.configure(client, dir.resolve("tls"));

        Path caFile = dir.resolve("tls").resolve(ExtensionApiserverAuthentication.CA_FILE);
        assertThat(properties)
                .containsEntry("scalebus.metrics-api.requestheader.client-ca-file", caFile.toString())
                .containsEntry("scalebus.metrics-api.requestheader.allowed-names", TlsTestResource.ALLOWED_CN)
                .containsEntry("scalebus.metrics-api.requestheader.username-headers", "X-Remote-User");
        try (InputStream in = Files.newInputStream(caFile)) {
            X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            assertThat(ca.getSubjectX500Principal().getName()).isEqualTo("CN=front-proxy-ca");
        }
    }

    @Test
    void noConfigMapMeansNoRequestheaderSettingsAndNoFile() throws Exception {
        assertThat(ExtensionApiserverAuthentication.configure(client, dir)).isEmpty();
        assertThat(dir.resolve(ExtensionApiserverAuthentication.CA_FILE)).doesNotExist();
    }

    @Test
    void aConfigMapWithoutFrontProxyCaGivesNoSettings() throws Exception {
        client.configMaps().inNamespace("kube-system").resource(new ConfigMapBuilder().withNewMetadata()
                .withName("extension-apiserver-authentication").endMetadata()
                .addToData("client-ca-file", "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----").build())
                .create();

        assertThat(ExtensionApiserverAuthentication.configure(client, dir)).isEmpty();
    }
}
