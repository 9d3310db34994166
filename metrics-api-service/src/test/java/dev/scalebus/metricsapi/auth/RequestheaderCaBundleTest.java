package dev.scalebus.metricsapi.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebus.metricsapi.TlsTestResource;
import dev.scalebus.metricsapi.tls.Keytool;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A requestheader CA bundle with several CAs (a front-proxy CA rotation): a client signed by any of them counts. */
class RequestheaderCaBundleTest {

    static List<X509Certificate> bundle;

    @BeforeAll
    static void certificates() throws Exception {
        Map<String, String> tls = new TlsTestResource().start();
        // the serving certificate stands in for the retired CA, listed first as in a rotation
        bundle = List.of(pem(Path.of(tls.get("scalebus.metrics-api.tls.cert-file"))),
                pem(TlsTestResource.file("ca.crt")));
    }

    @Test
    void aClientSignedByTheSecondCaOfTheBundleIsTrusted() throws Exception {
        AuthenticationResult result = authenticator(bundle).authenticate(
                Map.of("x-remote-user", List.of("proxy-admin")), chain("client-allowed.p12", "client"));

        assertThat(result.authenticated()).isTrue();
        assertThat(result.user().name()).isEqualTo("proxy-admin");
    }

    @Test
    void aClientNoCaOfTheBundleSignedIsRejected() throws Exception {
        AuthenticationResult result = authenticator(bundle).authenticate(
                Map.of("x-remote-user", List.of("proxy-admin")), chain("client-self-signed.p12", "client"));

        assertThat(result.authenticated()).isFalse();
        assertThat(result.failure()).contains("unknown authority");
    }

    private static Authenticator authenticator(List<X509Certificate> cas) {
        return new Authenticator(null, Clock.systemUTC(), Duration.ofSeconds(10), cas,
                Set.of(TlsTestResource.ALLOWED_CN), List.of("X-Remote-User"), List.of("X-Remote-Group"),
                List.of("X-Remote-Extra-"));
    }

    private static X509Certificate pem(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static X509Certificate[] chain(String store, String alias) throws Exception {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(TlsTestResource.file(store))) {
            keyStore.load(in, Keytool.PASSWORD.toCharArray());
        }
        return java.util.Arrays.stream(keyStore.getCertificateChain(alias)).map(X509Certificate.class::cast)
                .toArray(X509Certificate[]::new);
    }
}
