package dev.scalebus.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Cases drawn from apimachinery's quantity_test.go (TestQuantityParse, TestQuantityString, TestQuantityCanocicalizeZero). */
class QuantityTest {

    @ParameterizedTest(name = "{0} prints as {1}")
    @CsvSource({
            // zero in every suffix prints as 0
            "0, 0", "0n, 0", "0u, 0", "0m, 0", "0Ki, 0", "0k, 0", "0Mi, 0", "0M, 0", "0Gi, 0", "0Ei, 0", "0e3, 0",
            "-0, 0",
            // binary SI keeps the largest power of 1024 that divides the value
            "1Ki, 1Ki", "1024Ki, 1Mi", "1025Ki, 1025Ki", "1000Ki, 1000Ki", "1.5Gi, 1536Mi", "8Ei, 8Ei",
            "1005736Ki, 1005736Ki", "2748180Ki, 2748180Ki",
            // binary SI under 1024 or fractional falls back to decimal SI
            "0.5Ki, 512", "1023, 1023", "0.5Mi, 512Ki", "100m, 100m",
            // decimal SI uses the largest multiple-of-3 exponent that keeps an integer mantissa
            "1k, 1k", "1000, 1k", "1001, 1001", "1500, 1500", "1.5k, 1500", "1M, 1M", "1G, 1G", "1T, 1T", "1P, 1P",
            "1E, 1E", "0.1, 100m", ".1, 100m", "1., 1", "1.1, 1100m", "1.1m, 1100u", "250m, 250m", "0.25, 250m",
            "1938555n, 1938555n", "5000000n, 5m", "329087452n, 329087452n", "1000m, 1", "1000000n, 1m", "12e6, 12e6",
            // decimal exponent keeps the exponent form
            "1e3, 1e3", "1E6, 1e6", "1e-3, 1e-3", "1.5e3, 1500", "100e-3, 100e-3", "10e0, 10",
            // signs
            "-1, -1", "+1, 1", "-250m, -250m", "-1Ki, -1Ki",
            // precision finer than nano is rounded up, away from zero
            "0.0000000001, 1n", "1.0000000001, 1000000001n", "-0.0000000001, -1n", "0.5n, 1n"
    })
    void printsTheCanonicalForm(String input, String canonical) {
        assertThat(Quantity.parse(input)).hasToString(canonical);
    }

    @ParameterizedTest(name = "''{0}'' is rejected")
    @ValueSource(strings = {"", " 1", "1 ", ".", "Ki", "1.2.3", "1i", "1Ki5", "1e", "1e3Ki", "1KI", "1kb", "--1",
            "1ee3", "abc", "1e1.5", "1 Ki"})
    void rejectsMalformedInput(String input) {
        assertThatThrownBy(() -> Quantity.parse(input)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("quantity");
    }

    @Test
    void valuesRoundUpLikeApimachinery() {
        assertThat(Quantity.parse("1.5").value()).isEqualTo(2);
        assertThat(Quantity.parse("100m").value()).isEqualTo(1);
        assertThat(Quantity.parse("1").milliValue()).isEqualTo(1000);
        assertThat(Quantity.parse("1n").milliValue()).isEqualTo(1);
        assertThat(Quantity.parse("200Mi").value()).isEqualTo(209_715_200L);
        assertThat(Quantity.parse("50m").nanoValue()).isEqualTo(50_000_000L);
        assertThat(Quantity.parse("1e3").value()).isEqualTo(1000);
    }

    @Test
    void buildsUsageTheWayMetricsServerDoes() {
        assertThat(Quantity.ofNanoCores(1_938_555)).hasToString("1938555n");
        assertThat(Quantity.ofNanoCores(0)).hasToString("0");
        assertThat(Quantity.ofNanoCores(211_000_000)).hasToString("211m");
        assertThat(Quantity.ofBytes(1_005_736L * 1024)).hasToString("1005736Ki");
        assertThat(Quantity.ofBytes(1_616_273_408L)).hasToString("1578392Ki");
        assertThat(Quantity.ofBytes(1030)).hasToString("1030");
        assertThat(Quantity.ofMilliCores(250)).hasToString("250m");
        assertThat(Quantity.ofMilliCores(2000)).hasToString("2");
    }

    @Test
    void equalityIgnoresTheFormat() {
        assertThat(Quantity.parse("1Ki")).isEqualTo(Quantity.parse("1024")).hasSameHashCodeAs(Quantity.parse("1024"));
        assertThat(Quantity.parse("1k")).isEqualTo(Quantity.parse("1e3"));
        assertThat(Quantity.parse("500m")).isLessThan(Quantity.parse("1"));
        assertThat(Quantity.of(new BigDecimal("0.5"), Quantity.Format.DECIMAL_SI)).hasToString("500m");
    }
}
