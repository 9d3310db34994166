package dev.scalebus.simulator.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GoFloatTest {

    @Test
    void formatsLikeTheKubeletSamples() {
        // values and spellings taken from metrics-resource.coredns.metrics-server-decode-test.prom
        assertThat(GoFloat.format(4_710_169_000L, 9)).isEqualTo("4.710169");
        assertThat(GoFloat.format(357_354_910_000L, 9)).isEqualTo("357.35491");
        assertThat(GoFloat.format(12_533_760L, 0)).isEqualTo("1.253376e+07");
        assertThat(GoFloat.format(1_616_273_408L, 0)).isEqualTo("1.616273408e+09");
        assertThat(GoFloat.format(1_633_252_712_000L, 3)).isEqualTo("1.633252712e+09");
        // from metrics-resource.kind-worker.2024-01.prom
        assertThat(GoFloat.format(92_544_000L, 9)).isEqualTo("0.092544");
        assertThat(GoFloat.format(5_716_152_579_000L, 9)).isEqualTo("5716.152579");
        assertThat(GoFloat.format(7_729_152L, 0)).isEqualTo("7.729152e+06");
    }

    @Test
    void usesPlainFormBelowOneMillionAndExponentForTinyValues() {
        assertThat(GoFloat.format(0, 9)).isEqualTo("0");
        assertThat(GoFloat.format(999_999L, 0)).isEqualTo("999999");
        assertThat(GoFloat.format(1_000_000L, 0)).isEqualTo("1e+06");
        assertThat(GoFloat.format(12L, 9)).isEqualTo("1.2e-08");
        assertThat(GoFloat.format(100_000L, 9)).isEqualTo("0.0001");
        assertThat(GoFloat.format(10_000L, 9)).isEqualTo("1e-05");
    }
}
