package dev.scalebus.metricsapi.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationTest {

    @Test
    void formatsMetricsServerWindowsAsGoDoes() {
        assertThat(GoDuration.ofMillis(20_064)).isEqualTo("20.064s");
        assertThat(GoDuration.ofMillis(60_996)).isEqualTo("1m0.996s");
        assertThat(GoDuration.ofMillis(59_889)).isEqualTo("59.889s");
        assertThat(GoDuration.ofMillis(30_000)).isEqualTo("30s");
        assertThat(GoDuration.ofMillis(60_000)).isEqualTo("1m0s");
        assertThat(GoDuration.ofMillis(3_600_000)).isEqualTo("1h0m0s");
        assertThat(GoDuration.ofMillis(15_000)).isEqualTo("15s");
    }

    @Test
    void usesSmallerUnitsUnderOneSecond() {
        assertThat(GoDuration.formatNanos(0)).isEqualTo("0s");
        assertThat(GoDuration.formatNanos(1)).isEqualTo("1ns");
        assertThat(GoDuration.formatNanos(1_100)).isEqualTo("1.1µs");
        assertThat(GoDuration.formatNanos(2_200_000)).isEqualTo("2.2ms");
        assertThat(GoDuration.ofMillis(500)).isEqualTo("500ms");
        assertThat(GoDuration.formatNanos(999_999_999)).isEqualTo("999.999999ms");
    }

    @Test
    void matchesGoTimeTestTable() {
        // cases of Go's time_test.go durationTests
        assertThat(GoDuration.formatNanos(1_000_000_000)).isEqualTo("1s");
        assertThat(GoDuration.formatNanos(1_100_000_000)).isEqualTo("1.1s");
        assertThat(GoDuration.format(Duration.ofMinutes(2).plusSeconds(20).plusMillis(-1)))
                .isEqualTo("2m19.999s");
        assertThat(GoDuration.format(Duration.ofHours(2).plusMinutes(10).plusNanos(4))).isEqualTo("2h10m0.000000004s");
        assertThat(GoDuration.formatNanos(-1_100_000_000)).isEqualTo("-1.1s");
        assertThat(GoDuration.formatNanos(Long.MAX_VALUE)).isEqualTo("2562047h47m16.854775807s");
        assertThat(GoDuration.formatNanos(Long.MIN_VALUE)).isEqualTo("-2562047h47m16.854775808s");
    }
}
