package dev.scalebus.metricsapi;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Every setting of metrics-api-service; see README.md for the table and the metrics-server flags mirrored. */
@ConfigMapping(prefix = "scalebus.metrics-api")
public interface MetricsApiConfig {

    /** How often the collector scrapes (metrics-server --metric-resolution; the manifests' 15s). */
    @WithDefault("15s")
    Duration metricResolution();

    /** How long a node or pod stays without a new scrape; default 2 x resolution + expiry-margin. */
    Optional<Duration> expiry();

    /** Added to 2 x resolution for the default expiry: covers a slow scrape plus Kafka delivery. */
    @WithDefault("10s")
    Duration expiryMargin();

    /** The topic read; every replica reads all its partitions. */
    @WithDefault("scalebus.node-scrapes")
    String topic();

    /** How far back the window is rebuilt on start; default 2 x resolution. */
    Optional<Duration> rebuildLookback();

    /** How often expired nodes and pods are swept from memory (reads filter them anyway). */
    @WithDefault("5s")
    Duration sweepInterval();

    Authentication authentication();

    Authorization authorization();

    Requestheader requestheader();

    Tls tls();

    default Duration effectiveExpiry() {
        return expiry().orElse(metricResolution().multipliedBy(2).plus(expiryMargin()));
    }

    default Duration effectiveRebuildLookback() {
        return rebuildLookback().orElse(metricResolution().multipliedBy(2));
    }

    interface Authentication {
        /** false only for the local run: every request is served as an authorized anonymous user. */
        @WithDefault("true")
        boolean enabled();

        /** --authentication-token-webhook-cache-ttl: how long a TokenReview answer is reused. */
        @WithDefault("10s")
        Duration tokenWebhookCacheTtl();
    }

    interface Authorization {
        /** --authorization-webhook-cache-authorized-ttl. */
        @WithDefault("10s")
        Duration webhookCacheAuthorizedTtl();

        /** --authorization-webhook-cache-unauthorized-ttl. */
        @WithDefault("10s")
        Duration webhookCacheUnauthorizedTtl();

        /** --authorization-always-allow-paths. */
        @WithDefault("/healthz,/readyz,/livez")
        List<String> alwaysAllowPaths();
    }

    /** The serving certificate: --tls-cert-file, --tls-private-key-file, --cert-dir. Read by Main and the
     * quarkus.tls expressions in application.properties. */
    interface Tls {
        /** PEM serving certificate; absent: a self-signed one is generated in cert-dir at start. */
        Optional<String> certFile();

        Optional<String> privateKeyFile();

        @WithDefault("/tmp/scalebus-metrics-api")
        String certDir();
    }

    /** The front-proxy (aggregator) client-certificate authentication, --requestheader-* flags. */
    interface Requestheader {
        /** --requestheader-client-ca-file (PEM); without it request headers are never trusted. */
        Optional<String> clientCaFile();

        /** --requestheader-allowed-names: client certificate common names allowed; empty = any CN from the CA. */
        Optional<List<String>> allowedNames();

        @WithDefault("X-Remote-User")
        List<String> usernameHeaders();

        @WithDefault("X-Remote-Group")
        List<String> groupHeaders();

        @WithDefault("X-Remote-Extra-")
        List<String> extraHeadersPrefix();
    }
}
