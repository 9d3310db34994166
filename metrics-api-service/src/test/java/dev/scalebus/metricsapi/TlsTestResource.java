package dev.scalebus.metricsapi;

import dev.scalebus.metricsapi.tls.Keytool;
import dev.scalebus.metricsapi.tls.ServingCertificate;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The certificates of the test run, in target/test-tls: a self-signed serving certificate, a front-proxy CA, a
 * front-proxy client certificate it signed (allowed CN), one it signed with a CN not allowed, and a self-signed
 * client certificate no CA vouches for.
 */
public class TlsTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String ALLOWED_CN = "front-proxy-client";
    static Path dir;

    @Override
    public Map<String, String> start() {
        // keytool costs a JVM start per call: the keys are made once per build dir and reused (valid 30 days)
        dir = Path.of("target", "test-tls").toAbsolutePath();
        Path[] serving = ServingCertificate.ensure(dir, "localhost");
        if (!fresh(dir.resolve("client-self-signed.p12"))) {
            generateClientCertificates();
        }
        return Map.of(
                "scalebus.metrics-api.tls.cert-file", serving[0].toString(),
                "scalebus.metrics-api.tls.private-key-file", serving[1].toString(),
                "scalebus.metrics-api.requestheader.client-ca-file", p("ca.crt"),
                "scalebus.metrics-api.requestheader.allowed-names", ALLOWED_CN);
    }

    /** The client certificates are valid 30 days: make new ones well before. */
    private static boolean fresh(Path file) {
        try {
            return Files.exists(file) && Files.getLastModifiedTime(file).toInstant()
                    .isAfter(java.time.Instant.now().minus(java.time.Duration.ofDays(20)));
        } catch (IOException e) {
            return false;
        }
    }

    private static void generateClientCertificates() {
        for (String f : new String[] {"ca.p12", "ca.crt", "client-allowed.p12", "client-other-cn.p12",
            "client-self-signed.p12"}) {
            try {
                Files.deleteIfExists(dir.resolve(f));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        keyPair("ca.p12", "ca", "CN=front-proxy-ca", "bc:c");
        Keytool.run("-exportcert", "-rfc", "-alias", "ca", "-keystore", p("ca.p12"), "-storepass", Keytool.PASSWORD,
                "-file", p("ca.crt"));
        signedClient("client-allowed.p12", ALLOWED_CN);
        signedClient("client-other-cn.p12", "intruder");
        keyPair("client-self-signed.p12", "client", "CN=" + ALLOWED_CN, null);
    }

    public static Path file(String name) {
        return dir.resolve(name);
    }

    private static String p(String name) {
        return dir.resolve(name).toString();
    }

    private static void keyPair(String store, String alias, String dname, String extension) {
        if (extension == null) {
            Keytool.run("-genkeypair", "-alias", alias, "-keyalg", "RSA", "-keysize", "2048", "-validity", "30",
                    "-dname", dname, "-storetype", "PKCS12", "-keystore", p(store), "-storepass", Keytool.PASSWORD,
                    "-keypass", Keytool.PASSWORD);
        } else {
            Keytool.run("-genkeypair", "-alias", alias, "-keyalg", "RSA", "-keysize", "2048", "-validity", "30",
                    "-dname", dname, "-ext", extension, "-storetype", "PKCS12", "-keystore", p(store),
                    "-storepass", Keytool.PASSWORD, "-keypass", Keytool.PASSWORD);
        }
    }

    private static void signedClient(String store, String cn) {
        keyPair(store, "client", "CN=" + cn, null);
        String csr = p(store + ".csr");
        String crt = p(store + ".crt");
        Keytool.run("-certreq", "-alias", "client", "-keystore", p(store), "-storepass", Keytool.PASSWORD,
                "-file", csr);
        Keytool.run("-gencert", "-rfc", "-alias", "ca", "-keystore", p("ca.p12"), "-storepass", Keytool.PASSWORD,
                "-infile", csr, "-outfile", crt, "-ext", "EKU=clientAuth", "-validity", "30");
        Keytool.run("-importcert", "-noprompt", "-alias", "ca", "-file", p("ca.crt"), "-keystore", p(store),
                "-storepass", Keytool.PASSWORD);
        Keytool.run("-importcert", "-noprompt", "-alias", "client", "-file", crt, "-keystore", p(store),
                "-storepass", Keytool.PASSWORD);
    }

    @Override
    public void stop() {
        // the keys stay in target/test-tls for the next run
    }
}
