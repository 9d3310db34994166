package dev.scalebus.collector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsValidatorTest {

    @Test
    void acceptsTheDefaults() {
        assertThatCode(() -> SettingsValidator.validate(Settings.defaults())).doesNotThrowAnyException();
    }

    @Test
    void rejectsTimeoutAboveNinetyPercentOfResolutionLikeMetricsServer() {
        Settings d = Settings.defaults();
        Settings tooLong = new Settings(Duration.ofSeconds(10), d.kubeletPreferredAddressTypes(), 10250, true, false,
                Optional.empty(), Optional.empty(), Optional.empty(), Duration.ofMillis(9001), Optional.empty(),
                "/metrics/resource", 64, Optional.empty(),
                1, d.publishBufferBytes(), d.publishShutdownTimeout(), d.tokenFile(), d.maxBodyBytes());

        assertThatThrownBy(() -> SettingsValidator.validate(tooLong))
                .hasMessageContaining("kubelet-request-timeout (PT9.001S) must be at most 0.9 x metric-resolution");
    }

    @Test
    void theApplicationScrapeTimeoutFollowsTheKubeletTimeoutUnlessSet() {
        Settings d = Settings.defaults();
        Settings fast = new Settings(Duration.ofSeconds(2), d.kubeletPreferredAddressTypes(), 10250, true, false,
                Optional.empty(), Optional.empty(), Optional.empty(), Duration.ofMillis(1500), Optional.empty(),
                "/metrics/resource", 64, Optional.empty(), 1, d.publishBufferBytes(), d.publishShutdownTimeout(), d.tokenFile(), d.maxBodyBytes());

        assertThatCode(() -> SettingsValidator.validate(fast)).doesNotThrowAnyException();
        assertThat(CollectorConfig.appScrapeTimeout(fast)).isEqualTo(Duration.ofMillis(1500));
        assertThat(CollectorConfig.appScrapeTimeout(d)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void listsEveryProblemAtOnce() {
        Settings d = Settings.defaults();
        Settings bad = new Settings(d.metricResolution(), List.of("InternalIP", "Internal"), 0, true, true,
                Optional.of(Path.of("/ca.pem")), Optional.of(Path.of("/client.pem")), Optional.empty(),
                d.kubeletRequestTimeout(), Optional.empty(), "/metrics", 0,
                Optional.of(3), 2, (1 << 20) - 1, Duration.ofSeconds(-1), d.tokenFile(), 10);

        assertThatThrownBy(() -> SettingsValidator.validate(bad))
                .hasMessageContaining("unknown type 'Internal'")
                .hasMessageContaining("kubelet-port must be in 1..65535")
                .hasMessageContaining("kubelet-insecure-tls and kubelet-certificate-authority cannot both be set")
                .hasMessageContaining("kubelet-certificate-authority /ca.pem is not a readable file")
                .hasMessageContaining("kubelet-client-certificate and kubelet-client-key must be set together")
                .hasMessageContaining("scrape-path must be /metrics/resource or /stats/summary")
                .hasMessageContaining("concurrency must be at least 1")
                .hasMessageContaining("shard-index must be in [0, shard-count=2)")
                .hasMessageContaining("publish-buffer-bytes must be at least 1048576 (1 MiB), got 1048575")
                .hasMessageContaining("publish-shutdown-timeout must not be negative")
                .hasMessageContaining("max-body-bytes must be at least 1024");
    }

    @Test
    void checksTheCustomMetricsSettingsAndNamesTheBadRulesField() throws Exception {
        Path rules = Files.createTempFile("rules", ".yaml");
        Files.writeString(rules, "rules:\n  - seriesQuery: 'x'\n    metricsQuery: 'sum(<<.Series>>)'\n");
        Settings bad = Settings.defaults().withCustomMetrics(new Settings.Custom(true, Optional.of(rules),
                Optional.of(Duration.ofSeconds(14)), 0, 10, 0));

        assertThatThrownBy(() -> SettingsValidator.validate(bad))
                .hasMessageContaining("custom-metrics.scrape-timeout (PT14S) must be at most 0.9 x metric-resolution")
                .hasMessageContaining("custom-metrics.concurrency must be at least 1")
                .hasMessageContaining("custom-metrics.max-body-bytes must be at least 1024")
                .hasMessageContaining("custom-metrics.publish-buffer-bytes must be at least 1048576 (1 MiB), got 0")
                .hasMessageContaining("custom-metrics.rules-file: " + rules + ": rules[0].metricsQuery");
        Settings missing = Settings.defaults().withCustomMetrics(new Settings.Custom(true,
                Optional.of(Path.of("/no/such/rules.yaml")), Optional.empty(), 64, 1 << 20, 1 << 20));
        assertThatThrownBy(() -> SettingsValidator.validate(missing))
                .hasMessageContaining("adapter rules file /no/such/rules.yaml cannot be read");
        Settings disabled = Settings.defaults().withCustomMetrics(new Settings.Custom(false,
                Optional.of(Path.of("/no/such/rules.yaml")), Optional.empty(), 64, 1 << 20, 1 << 20));
        assertThatCode(() -> SettingsValidator.validate(disabled)).doesNotThrowAnyException();
    }
}
