package dev.scalebus.collector.config;

import dev.scalebus.events.NodeScrape;
import dev.scalebus.events.rules.AdapterRules;
import dev.scalebus.events.rules.RulesException;
import java.time.Duration;
import java.util.ArrayList;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The cross-field rules metrics-server's options.go Validate applies (timeout ≤ 0.9 × resolution, conflicting TLS
 * settings) plus this service's own; every problem is listed, not just the first.
 */
public final class SettingsValidator {

    static final Set<String> ADDRESS_TYPES = Set.of("Hostname", "InternalDNS", "InternalIP", "ExternalDNS",
            "ExternalIP");
    static final Duration MIN_RESOLUTION = Duration.ofSeconds(1);
    /** The producer's default max.request.size: a smaller buffer could not hold a record the producer accepts. */
    static final long MIN_BUFFER_BYTES = 1 << 20;

    private SettingsValidator() {
    }

    /** @throws IllegalArgumentException listing every invalid setting */
    public static void validate(CollectorConfig config) {
        List<String> problems = new ArrayList<>();
        Duration resolution = config.metricResolution();
        if (resolution.compareTo(MIN_RESOLUTION) < 0) {
            problems.add("metric-resolution must be at least 1s, got " + resolution);
        }
        Duration timeout = config.kubeletRequestTimeout();
        if (timeout.isNegative() || timeout.isZero()) {
            problems.add("kubelet-request-timeout must be positive, got " + timeout);
        } else if (timeout.toNanos() > resolution.toNanos() * 9 / 10) {
            problems.add("kubelet-request-timeout (" + timeout + ") must be at most 0.9 x metric-resolution ("
                    + resolution + ")");
        }
        if (config.kubeletPreferredAddressTypes().isEmpty()) {
            problems.add("kubelet-preferred-address-types must not be empty");
        }
        for (String type : config.kubeletPreferredAddressTypes()) {
            if (!ADDRESS_TYPES.contains(type)) {
                problems.add("kubelet-preferred-address-types: unknown type '" + type + "', expected one of "
                        + ADDRESS_TYPES);
            }
        }
        if (config.kubeletPort() < 1 || config.kubeletPort() > 65535) {
            problems.add("kubelet-port must be in 1..65535, got " + config.kubeletPort());
        }
        if (config.kubeletInsecureTls() && config.kubeletCertificateAuthority().isPresent()) {
            problems.add("kubelet-insecure-tls and kubelet-certificate-authority cannot both be set");
        }
        if (config.kubeletClientCertificate().isPresent() != config.kubeletClientKey().isPresent()) {
            problems.add("kubelet-client-certificate and kubelet-client-key must be set together");
        }
        for (Optional<Path> file : List.of(config.kubeletClientCertificate(), config.kubeletClientKey())) {
            file.filter(f -> !java.nio.file.Files.isReadable(f)).ifPresent(f ->
                    problems.add("kubelet client certificate/key " + f + " is not a readable file"));
        }
        config.kubeletCertificateAuthority().filter(ca -> !java.nio.file.Files.isReadable(ca)).ifPresent(ca ->
                problems.add("kubelet-certificate-authority " + ca + " is not a readable file"));
        Set<String> paths = Set.of(NodeScrape.SOURCE_METRICS_RESOURCE, NodeScrape.SOURCE_STATS_SUMMARY);
        if (!paths.contains(config.scrapePath())) {
            problems.add("scrape-path must be /metrics/resource or /stats/summary, got " + config.scrapePath());
        }
        if (config.concurrency() < 1) {
            problems.add("concurrency must be at least 1, got " + config.concurrency());
        }
        if (config.shardCount() < 1) {
            problems.add("shard-count must be at least 1, got " + config.shardCount());
        }
        config.shardIndex().filter(i -> i < 0 || i >= config.shardCount()).ifPresent(i ->
                problems.add("shard-index must be in [0, shard-count=" + config.shardCount() + "), got " + i));
        if (config.publishBufferBytes() < MIN_BUFFER_BYTES) {
            problems.add("publish-buffer-bytes must be at least " + MIN_BUFFER_BYTES + " (1 MiB), got "
                    + config.publishBufferBytes());
        }
        if (config.publishShutdownTimeout().isNegative()) {
            problems.add("publish-shutdown-timeout must not be negative, got " + config.publishShutdownTimeout());
        }
        if (config.maxBodyBytes() < 1024) {
            problems.add("max-body-bytes must be at least 1024, got " + config.maxBodyBytes());
        }
        customMetrics(config, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid scalebus.collector settings: " + String.join("; ", problems));
        }
    }

    private static void customMetrics(CollectorConfig config, List<String> problems) {
        CollectorConfig.CustomMetrics custom = config.customMetrics();
        if (!custom.enabled()) {
            return;
        }
        Duration timeout = CollectorConfig.appScrapeTimeout(config);
        if (timeout.isNegative() || timeout.isZero()) {
            problems.add("custom-metrics.scrape-timeout must be positive, got " + timeout);
        } else if (timeout.toNanos() > config.metricResolution().toNanos() * 9 / 10) {
            problems.add("custom-metrics.scrape-timeout (" + timeout + ") must be at most 0.9 x metric-resolution ("
                    + config.metricResolution() + ")");
        }
        if (custom.concurrency() < 1) {
            problems.add("custom-metrics.concurrency must be at least 1, got " + custom.concurrency());
        }
        if (custom.maxBodyBytes() < 1024) {
            problems.add("custom-metrics.max-body-bytes must be at least 1024, got " + custom.maxBodyBytes());
        }
        if (custom.publishBufferBytes() < MIN_BUFFER_BYTES) {
            problems.add("custom-metrics.publish-buffer-bytes must be at least " + MIN_BUFFER_BYTES + " (1 MiB), got "
                    + custom.publishBufferBytes());
        }
        try {
            rules(config);
        } catch (RulesException e) {
            problems.add("custom-metrics.rules-file: " + e.getMessage());
        }
    }

    /** The adapter rules the collector filters with: the configured file, else the bundled defaults. */
    public static AdapterRules rules(CollectorConfig config) {
        return config.customMetrics().rulesFile().map(AdapterRules::load).orElseGet(AdapterRules::defaults);
    }
}
