package dev.scalebus.metricsapi.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * The self-signed serving certificate generated when none is mounted, as metrics-server does with --cert-dir:
 * {@code apiserver.crt} / {@code apiserver.key} in the directory, kept across restarts once written, both created
 * with permissions 0600 (owner only).
 */
public final class ServingCertificate {

    private static final Logger LOG = Logger.getLogger(ServingCertificate.class);

    private ServingCertificate() {
    }

    /** Returns {cert, key} in {@code dir}, generating them when absent. */
    public static Path[] ensure(Path dir, String hostName) {
        Path cert = dir.resolve("apiserver.crt");
        Path key = dir.resolve("apiserver.key");
        if (Files.exists(cert) && Files.exists(key)) {
            return new Path[] {cert, key};
        }
        try {
            Files.createDirectories(dir);
            // keytool writes the key store with the process umask: in a directory of its own only we can enter (0700)
            Path work = Files.createTempDirectory(dir, "serving");
            Path p12 = work.resolve("serving.p12");
            Keytool.run("-genkeypair", "-alias", "serving", "-keyalg", "RSA", "-keysize", "2048", "-validity", "365",
                    "-dname", "CN=" + hostName + "@self-signed", "-ext",
                    "SAN=dns:" + hostName + ",dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                    "-keystore", p12.toString(), "-storepass", Keytool.PASSWORD, "-keypass", Keytool.PASSWORD);
            Keytool.exportPem(p12, "serving", cert, key);
            Files.delete(p12);
            Files.delete(work);
            LOG.infof("generated a self-signed serving certificate in %s (mount one with --tls-cert-file)", dir);
            return new Path[] {cert, key};
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the serving certificate to " + dir + ": " + e, e);
        }
    }
}
