package dev.scalebus.collector.kubelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import javax.net.ssl.KeyManager;
import javax.net.ssl.X509KeyManager;
import org.junit.jupiter.api.Test;

class PemKeysTest {

    private static final Path TLS = Path.of("src/test/resources/tls");

    @Test
    void readsTheSameRsaKeyFromPkcs8AndPkcs1() throws Exception {
        PrivateKey pkcs8 = PemKeys.privateKey(Files.readString(TLS.resolve("client-key.pem")), TLS);
        PrivateKey pkcs1 = PemKeys.privateKey(Files.readString(TLS.resolve("client-key-pkcs1.pem")), TLS);

        assertThat(pkcs1.getAlgorithm()).isEqualTo("RSA");
        assertThat(((RSAPrivateCrtKey) pkcs1).getModulus()).isEqualTo(((RSAPrivateCrtKey) pkcs8).getModulus());
        assertThat(pkcs1.getEncoded()).isEqualTo(pkcs8.getEncoded());
    }

    @Test
    void buildsKeyManagersPresentingTheClientCertificate() {
        KeyManager[] managers = PemKeys.keyManagers(TLS.resolve("client.pem"), TLS.resolve("client-key-pkcs1.pem"));

        X509KeyManager manager = (X509KeyManager) managers[0];
        assertThat(manager.getCertificateChain("client")[0].getSubjectX500Principal().getName())
                .isEqualTo("CN=system:serviceaccount:scalebus:collector");
    }

    @Test
    void rejectsAFileWithoutAKey() {
        assertThatThrownBy(() -> PemKeys.keyManagers(TLS.resolve("client.pem"), TLS.resolve("client.pem")))
                .hasMessageContaining("holds no unencrypted 'PRIVATE KEY' or 'RSA PRIVATE KEY' block");
    }
}
