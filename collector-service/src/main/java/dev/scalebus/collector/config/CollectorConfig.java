package dev.scalebus.collector.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Every collector setting. Names follow the metrics-server flags they mirror (README has the table); durations
 * accept {@code 15s} or ISO-8601. Cross-field rules are checked at start by {@link SettingsValidator}.
 */
@ConfigMapping(prefix = "scalebus.collector")
public interface CollectorConfig {

    /** How often every kubelet is scraped ({@code --metric-resolution}; manifests use 15s). */
    @WithDefault("15s")
    Duration metricResolution();

    /** Node address types in order of preference ({@code --kubelet-preferred-address-types}). */
    @WithDefault("Hostname,InternalDNS,InternalIP,ExternalDNS,ExternalIP")
    List<String> kubeletPreferredAddressTypes();

    /** Kubelet port when the node status gives none ({@code --kubelet-port}). */
    @WithDefault("10250")
    int kubeletPort();

    /** Use status.daemonEndpoints.kubeletEndpoint.Port when set ({@code --kubelet-use-node-status-port}). */
    @WithDefault("true")
    boolean kubeletUseNodeStatusPort();

    /** Do not verify kubelet certificates ({@code --kubelet-insecure-tls}); only when set explicitly. */
    @WithDefault("false")
    boolean kubeletInsecureTls();

    /** PEM CA bundle that signs kubelet serving certificates ({@code --kubelet-certificate-authority}). */
    Optional<Path> kubeletCertificateAuthority();

    /** PEM client certificate presented to kubelets ({@code --kubelet-client-certificate}); with the key. */
    Optional<Path> kubeletClientCertificate();

    /** PEM private key (PKCS#8 or PKCS#1 RSA, unencrypted) of the client certificate ({@code --kubelet-client-key}). */
    Optional<Path> kubeletClientKey();

    /** Per-node request timeout, connect to last byte ({@code --kubelet-request-timeout}). */
    @WithDefault("10s")
    Duration kubeletRequestTimeout();

    /** Label selector for the nodes to scrape ({@code --node-selector}); all nodes when unset. */
    Optional<String> nodeSelector();

    /** Kubelet path: {@code /metrics/resource} or {@code /stats/summary}; a node annotation may override it. */
    @WithDefault("/metrics/resource")
    String scrapePath();

    /** How many kubelets are scraped at the same time. */
    @WithDefault("64")
    int concurrency();

    /** This replica's shard; unset = the StatefulSet ordinal at the end of HOSTNAME when shard-count > 1. */
    Optional<Integer> shardIndex();

    /** How many collector replicas split the nodes. */
    @WithDefault("1")
    int shardCount();

    /**
     * How many bytes of NodeScrape records (key + serialized value) may wait for the broker before the oldest are
     * dropped; default 64 MiB. At least 1 MiB (the producer's max.request.size), so any sendable record fits.
     */
    @WithDefault("67108864")
    long publishBufferBytes();

    /**
     * How long shutdown waits for buffered and in-flight records of both topics to be acknowledged before the rest
     * is dropped and counted; default 5s, well inside Kubernetes' 30 s termination grace period. 0 = do not wait.
     */
    @WithDefault("5s")
    Duration publishShutdownTimeout();

    /** Bearer token sent to kubelets, re-read when the file changes. */
    @WithDefault("/var/run/secrets/kubernetes.io/serviceaccount/token")
    Path tokenFile();

    /** Largest kubelet answer accepted, in bytes. */
    @WithDefault("16777216")
    long maxBodyBytes();

    /** Scraping application pods annotated {@code prometheus.io/scrape: "true"} (scalebus.collector.custom-metrics.*). */
    @WithName("custom-metrics")
    CustomMetrics customMetrics();

    /** Application pod scraping for custom.metrics.k8s.io / external.metrics.k8s.io. */
    interface CustomMetrics {

        /** Whether annotated pods are scraped at all. */
        @WithDefault("true")
        boolean enabled();

        /** prometheus-adapter rules file: only series some rule selects are published; unset = the defaults. */
        Optional<Path> rulesFile();

        /**
         * Per-pod deadline, connect to last body byte; unset = {@code kubelet-request-timeout} (10s by default, as
         * Prometheus' scrape_timeout), so that shortening the resolution and the kubelet timeout together, as one
         * does with metrics-server's flags, keeps the configuration valid.
         */
        Optional<Duration> scrapeTimeout();

        /** How many pods are scraped at the same time. */
        @WithDefault("64")
        int concurrency();

        /** Largest answer accepted from a pod, in bytes. */
        @WithDefault("16777216")
        long maxBodyBytes();

        /**
         * How many bytes of CustomMetricSamples records (key + serialized value) may wait for the broker before the
         * oldest are dropped; default 16 MiB, at least 1 MiB.
         */
        @WithDefault("16777216")
        long publishBufferBytes();
    }

    /** The application pods' per-pod deadline in effect: {@code custom-metrics.scrape-timeout} or the kubelet's. */
    static Duration appScrapeTimeout(CollectorConfig config) {
        return config.customMetrics().scrapeTimeout().orElse(config.kubeletRequestTimeout());
    }
}
