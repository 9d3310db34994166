package dev.scalebus.autoscaler.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaseNamespaceTest {

    @TempDir
    Path dir;

    @Test
    void configuredBeatsPodNamespaceBeatsServiceAccountFileBeatsDefault() throws IOException {
        Path file = dir.resolve("namespace");
        Files.writeString(file, "from-file\n");
        Path missing = dir.resolve("absent");
        Map<String, String> env = Map.of("POD_NAMESPACE", "from-env");

        assertThat(LeaseNamespace.resolve(Optional.of("configured"), env, file)).isEqualTo("configured");
        assertThat(LeaseNamespace.resolve(Optional.empty(), env, file)).isEqualTo("from-env");
        assertThat(LeaseNamespace.resolve(Optional.empty(), Map.of(), file)).isEqualTo("from-file");
        assertThat(LeaseNamespace.resolve(Optional.of(" "), Map.of("POD_NAMESPACE", ""), file)).isEqualTo("from-file");
        assertThat(LeaseNamespace.resolve(Optional.empty(), Map.of(), missing)).isEqualTo("default");
    }

    @Test
    void electionIsStalledOnlyAfterTheLimit() {
        Instant last = Instant.parse("2026-12-06T00:00:00Z");
        Duration limit = Duration.ofSeconds(25); // lease 15 s + renew deadline 10 s
        assertThat(LeaderElectionHealth.stalled(last, last.plusSeconds(25), limit)).isFalse();
        assertThat(LeaderElectionHealth.stalled(last, last.plusSeconds(26), limit)).isTrue();
    }
}
