package dev.scalebus.metricsapi;

import dev.scalebus.metricsapi.tls.ServingCertificate;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.nio.file.Path;

/**
 * Entry point: before the HTTPS server starts, make sure a serving certificate exists. When no
 * {@code scalebus.metrics-api.tls.cert-file} is given (system property or SCALEBUS_METRICS_API_TLS_CERT_FILE), a
 * self-signed one is generated in {@code tls.cert-dir}, as metrics-server does without --tls-cert-file.
 */
@QuarkusMain
public class Main {

    public static void main(String... args) {
        String certFile = setting("scalebus.metrics-api.tls.cert-file", "SCALEBUS_METRICS_API_TLS_CERT_FILE");
        if (certFile == null || certFile.isBlank()) {
            String dir = setting("scalebus.metrics-api.tls.cert-dir", "SCALEBUS_METRICS_API_TLS_CERT_DIR");
            Path[] files = ServingCertificate.ensure(Path.of(dir == null ? "/tmp/scalebus-metrics-api" : dir),
                    "metrics-api-service");
            System.setProperty("scalebus.metrics-api.tls.cert-file", files[0].toString());
            System.setProperty("scalebus.metrics-api.tls.private-key-file", files[1].toString());
        }
        Quarkus.run(args);
    }

    private static String setting(String property, String env) {
        String v = System.getProperty(property);
        return v != null ? v : System.getenv(env);
    }
}
