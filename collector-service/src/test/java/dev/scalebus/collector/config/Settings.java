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
        Optional<Integer> shardIndex, int shardCount, int publishBufferSize, Path tokenFile, long maxBodyBytes)
        implements CollectorConfig {

    public static Settings defaults() {
        return new Settings(Duration.ofSeconds(15), List.of("Hostname", "InternalDNS", "InternalIP", "ExternalDNS",
                "ExternalIP"), 10250, true, false, Optional.empty(), Optional.empty(), Optional.empty(),
                Duration.ofSeconds(10), Optional.empty(),
                "/metrics/resource", 64, Optional.empty(), 1, 10000, Path.of("/token"), 16 << 20);
    }

    public Settings withPublishBufferSize(int size) {
        return new Settings(metricResolution, kubeletPreferredAddressTypes, kubeletPort, kubeletUseNodeStatusPort,
                kubeletInsecureTls, kubeletCertificateAuthority, kubeletClientCertificate, kubeletClientKey, kubeletRequestTimeout, nodeSelector, scrapePath,
                concurrency, shardIndex, shardCount, size, tokenFile, maxBodyBytes);
    }
}
