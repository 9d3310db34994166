package dev.scalebus.collector.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The defaults of {@link CollectorConfig}, overridable per test. */
public record Settings(Duration metricResolution, List<String> kubeletPreferredAddressTypes, int kubeletPort,
        boolean kubeletUseNodeStatusPort, boolean kubeletInsecureTls, Optional<Path> kubeletCertificateAuthority,
        Optional<Path> kubeletClientCertificate, Optional<Path> kubeletClientKey,
        Duration kubeletRequestTimeout, Optional<String> nodeSelector, String scrapePath, int concurrency,
        Optional<Integer> shardIndex, int shardCount, long publishBufferBytes, Duration publishShutdownTimeout, Path tokenFile,
        long maxBodyBytes, Custom customMetrics)
        implements CollectorConfig {

    /** The node settings with the default custom-metrics settings. */
    public Settings(Duration metricResolution, List<String> kubeletPreferredAddressTypes, int kubeletPort,
            boolean kubeletUseNodeStatusPort, boolean kubeletInsecureTls, Optional<Path> kubeletCertificateAuthority,
            Optional<Path> kubeletClientCertificate, Optional<Path> kubeletClientKey,
            Duration kubeletRequestTimeout, Optional<String> nodeSelector, String scrapePath, int concurrency,
            Optional<Integer> shardIndex, int shardCount, long publishBufferBytes, Duration publishShutdownTimeout,
            Path tokenFile, long maxBodyBytes) {
        this(metricResolution, kubeletPreferredAddressTypes, kubeletPort, kubeletUseNodeStatusPort, kubeletInsecureTls,
                kubeletCertificateAuthority, kubeletClientCertificate, kubeletClientKey, kubeletRequestTimeout,
                nodeSelector, scrapePath, concurrency, shardIndex, shardCount, publishBufferBytes,
                publishShutdownTimeout, tokenFile, maxBodyBytes, Custom.defaults());
    }

    /** The defaults of {@link CollectorConfig.CustomMetrics}. */
    public record Custom(boolean enabled, Optional<Path> rulesFile, Optional<Duration> scrapeTimeout, int concurrency,
            long maxBodyBytes, long publishBufferBytes) implements CollectorConfig.CustomMetrics {

        public static Custom defaults() {
            return new Custom(true, Optional.empty(), Optional.empty(), 64, 16 << 20, 16 << 20);
        }
    }

    public static Settings defaults() {
        return new Settings(Duration.ofSeconds(15), List.of("Hostname", "InternalDNS", "InternalIP", "ExternalDNS",
                "ExternalIP"), 10250, true, false, Optional.empty(), Optional.empty(), Optional.empty(),
                Duration.ofSeconds(10), Optional.empty(),
                "/metrics/resource", 64, Optional.empty(), 1, 64L << 20, Duration.ofSeconds(5), Path.of("/token"),
                16 << 20);
    }

    public Settings withPublishBuffer(long bytes, Duration shutdownTimeout) {
        return new Settings(metricResolution, kubeletPreferredAddressTypes, kubeletPort, kubeletUseNodeStatusPort,
                kubeletInsecureTls, kubeletCertificateAuthority, kubeletClientCertificate, kubeletClientKey,
                kubeletRequestTimeout, nodeSelector, scrapePath, concurrency, shardIndex, shardCount, bytes,
                shutdownTimeout, tokenFile, maxBodyBytes, customMetrics);
    }

    public Settings withCustomMetrics(Custom custom) {
        return new Settings(metricResolution, kubeletPreferredAddressTypes, kubeletPort, kubeletUseNodeStatusPort,
                kubeletInsecureTls, kubeletCertificateAuthority, kubeletClientCertificate, kubeletClientKey,
                kubeletRequestTimeout, nodeSelector, scrapePath, concurrency, shardIndex, shardCount,
                publishBufferBytes, publishShutdownTimeout, tokenFile, maxBodyBytes, custom);
    }
}
