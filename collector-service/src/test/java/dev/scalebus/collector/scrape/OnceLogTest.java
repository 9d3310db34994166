package dev.scalebus.collector.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OnceLogTest {

    @Test
    void logsOncePerSubjectAndReasonAgainAfterRecovery() {
        OnceLog log = new OnceLog();

        assertThat(log.first("node-1", "timeout")).isTrue();
        assertThat(log.first("node-1", "timeout")).isFalse();
        assertThat(log.first("node-2", "timeout")).isTrue();
        assertThat(log.first("node-1", "tls")).as("a different reason is news").isTrue();
        assertThat(log.recovered("node-1")).isTrue();
        assertThat(log.recovered("node-1")).isFalse();
        assertThat(log.first("node-1", "tls")).isTrue();
    }
}
