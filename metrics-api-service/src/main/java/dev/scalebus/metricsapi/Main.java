package dev.scalebus.metricsapi;

import dev.scalebus.metricsapi.kube.ExtensionApiserverAuthentication;
import dev.scalebus.metricsapi.tls.ServingCertificate;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Entry point: before the HTTPS server starts, make sure a serving certificate exists and, with authentication on,
 * the front-proxy client CA is known. Both end up in the TLS configuration, which is fixed when the server starts.
 * Settings are read from system properties or their environment variables (SCALEBUS_METRICS_API_...), as
 * application.properties is not loaded yet.
 * <ul>
 * <li>No {@code scalebus.metrics-api.tls.cert-file}: a self-signed one is generated in {@code tls.cert-dir}, as
 * metrics-server does without --tls-cert-file.</li>
 * <li>No {@code requestheader.client-ca-file} and {@code requestheader.from-cluster} not false: the requestheader
 * settings come from kube-system/extension-apiserver-authentication, as metrics-server's delegating authentication
 * reads them. A failed lookup is logged and the service starts without trusting request headers; {@code CaRefreshJob}
 * retries it with backoff and keeps the CA current afterwards.</li>
 * </ul>
 */
@QuarkusMain
public class Main {

    private static final Logger LOG = Logger.getLogger(Main.class);
    private static final String PREFIX = "scalebus.metrics-api.";
    private static volatile Path requestheaderCaFile;
    private static volatile String requestheaderCaAtStart;

    public static void main(String... args) {
        String dir = setting("tls.cert-dir");
        Path certDir = Path.of(dir == null ? "/tmp/scalebus-metrics-api" : dir);
        if (blank(setting("tls.cert-file"))) {
            Path[] files = ServingCertificate.ensure(certDir, "metrics-api-service");
            System.setProperty(PREFIX + "tls.cert-file", files[0].toString());
            System.setProperty(PREFIX + "tls.private-key-file", files[1].toString());
        }
        if (!"false".equalsIgnoreCase(setting("authentication.enabled")) && blank(setting("requestheader.client-ca-file"))
                && !"false".equalsIgnoreCase(setting("requestheader.from-cluster"))) {
            requestheaderFromCluster(certDir);
        }
        Quarkus.run(args);
    }

    private static void requestheaderFromCluster(Path certDir) {
        Path caFile = certDir.resolve(ExtensionApiserverAuthentication.CA_FILE);
        try (KubernetesClient client = ExtensionApiserverAuthentication.startupClient()) {
            Map<String, String> properties = ExtensionApiserverAuthentication.configure(client, certDir);
            if (properties.isEmpty()) {
                LOG.warn("kube-system/extension-apiserver-authentication has no requestheader-client-ca-file: requests"
                        + " proxied by the aggregator will not authenticate until it has one (read again every"
                        + " refresh-interval)");
                placeholder(caFile);
                return;
            }
            requestheaderCaAtStart = Files.readString(caFile).strip();
            requestheaderCaFile = caFile;
            properties.forEach((name, value) -> {
                if (setting(name.substring(PREFIX.length())) == null) {
                    System.setProperty(name, value);
                }
            });
            LOG.infof("requestheader settings from kube-system/extension-apiserver-authentication: %s", properties);
        } catch (IOException | RuntimeException e) {
            // metrics-server's hint for the usual cause; the service still serves bearer-token clients
            LOG.warnf("cannot read kube-system/extension-apiserver-authentication (%s): requests proxied by the"
                    + " aggregator will not authenticate. Usually fixed by binding the Role"
                    + " kube-system/extension-apiserver-authentication-reader to this service account; retried with"
                    + " backoff", e.toString());
            placeholder(caFile);
        }
    }

    /**
     * Without a CA at start, the trust store file holds the serving certificate (what the trust store falls back to
     * anyway) so that the CA read later can replace it in place; request headers stay untrusted until then.
     */
    private static void placeholder(Path caFile) {
        try {
            Files.createDirectories(caFile.getParent());
            Files.copy(Path.of(setting("tls.cert-file")), caFile, StandardCopyOption.REPLACE_EXISTING);
            System.setProperty(PREFIX + "requestheader.client-ca-file", caFile.toString());
            requestheaderCaFile = caFile;
        } catch (IOException | RuntimeException e) {
            LOG.warnf("cannot prepare %s (%s): the front-proxy CA is not refreshed", caFile, e.toString());
        }
    }

    /** The trust store file the front-proxy CA is kept in when it comes from the cluster; null otherwise. */
    public static Path requestheaderCaFile() {
        return requestheaderCaFile;
    }

    /** The CA read at start, or null when the lookup failed. */
    public static String requestheaderCaAtStart() {
        return requestheaderCaAtStart;
    }

    private static String setting(String name) {
        String v = System.getProperty(PREFIX + name);
        return v != null ? v : System.getenv((PREFIX + name).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
