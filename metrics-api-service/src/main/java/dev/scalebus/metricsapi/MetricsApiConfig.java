package dev.scalebus.metricsapi;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

    /**
     * How far past this service's clock a measurement time (scrapeTime, node and container timestamps, sample
     * timestamps) may be before the record is refused: a far-future record would pin its node or series. The default
     * 2m tolerates a collector or kubelet clock running a minute ahead.
     */
    @WithDefault("2m")
    Duration futureSkew();

    Authentication authentication();

    Authorization authorization();

    Requestheader requestheader();

    Tls tls();

    CustomMetrics customMetrics();

    KafkaLag kafkaLag();

    default Duration effectiveExpiry() {
        return expiry().orElse(metricResolution().multipliedBy(2).plus(expiryMargin()));
    }

    default dev.scalebus.metricsapi.window.RecordLimits recordLimits() {
        return new dev.scalebus.metricsapi.window.RecordLimits(futureSkew());
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
        /**
         * --requestheader-client-ca-file (PEM bundle); without it request headers are never trusted. Unset and
         * {@link #fromCluster()}: taken from kube-system/extension-apiserver-authentication at start ({@code Main}).
         */
        Optional<String> clientCaFile();

        /**
         * Read the requestheader settings the apiserver publishes in kube-system/extension-apiserver-authentication
         * when client-ca-file is unset (metrics-server's default); settings given explicitly win. Read by
         * {@code Main} before start, from the system property or SCALEBUS_METRICS_API_REQUESTHEADER_FROM_CLUSTER.
         */
        @WithDefault("true")
        boolean fromCluster();

        /**
         * With {@link #fromCluster()}: how often the ConfigMap is read again (metrics-server's dynamic CA content);
         * a changed CA is written to the trust store file and trusted for request headers. After a failure (also a
         * failed start-up lookup) it is retried sooner, from 5s doubling up to this interval.
         */
        @WithDefault("1m")
        Duration refreshInterval();

        /** --requestheader-allowed-names: client certificate common names allowed; empty = any CN from the CA. */
        Optional<List<String>> allowedNames();

        @WithDefault("X-Remote-User")
        List<String> usernameHeaders();

        @WithDefault("X-Remote-Group")
        List<String> groupHeaders();

        @WithDefault("X-Remote-Extra-")
        List<String> extraHeadersPrefix();
    }

    /** custom.metrics.k8s.io and external.metrics.k8s.io from the custom-samples topic and adapter rules. */
    interface CustomMetrics {
        /** A prometheus-adapter rules file (rules, externalRules); unset: the bundled defaults (seed 002's). */
        Optional<String> rulesFile();

        @WithDefault("scalebus.custom-samples")
        String topic();

        /** Kept beyond max(longest rule window, the 5m lookback); also how far back the topic is replayed. */
        @WithDefault("1m")
        Duration retentionMargin();

        /** How long a pod's series stay without a new scrape of the pod; default the node/pod expiry. */
        Optional<Duration> podExpiry();
    }

    /** The built-in external metric kafka_consumergroup_lag (KEDA's Kafka scaler arithmetic). */
    interface KafkaLag {
        @WithDefault("true")
        boolean enabled();

        /** The cluster's Kafka; default the service's own kafka.bootstrap.servers. */
        Optional<String> bootstrapServers();

        /** How long an answer per (group, topic) is reused. */
        @WithDefault("10s")
        Duration cacheTtl();

        /** How long the admin calls may take before the API answers 503. */
        @WithDefault("5s")
        Duration timeout();

        /** The consumers' auto.offset.reset (KEDA offsetResetPolicy): latest or earliest. */
        @WithDefault("latest")
        String offsetResetPolicy();

        /** KEDA scaleToZeroOnInvalidOffset: a partition without a committed offset counts 0 instead of 1/all. */
        @WithDefault("false")
        boolean scaleToZeroOnInvalidOffset();

        /**
         * Which consumer groups a lag query in a namespace may read: namespace -> group names, a trailing {@code *}
         * is a prefix, namespace {@code *} is every namespace (e.g. {@code namespace-groups.shop=orders,orders-retry-*}).
         * Default: none, every lag query is 403. Not applied when authentication is off (local run only).
         */
        Map<String, List<String>> namespaceGroups();
    }
}
