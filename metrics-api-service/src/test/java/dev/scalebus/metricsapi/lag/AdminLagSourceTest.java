package dev.scalebus.metricsapi.lag;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The admin client against an address where no broker listens: the failure names the broker, within the timeout. */
class AdminLagSourceTest {

    @Test
    void anUnreachableBrokerIsLagUnavailableNamingIt() {
        try (AdminLagSource source = new AdminLagSource("127.0.0.1:1", 1000)) {
            assertThatThrownBy(() -> source.offsets("g", "t")).isInstanceOf(LagUnavailableException.class)
                    .hasMessageContaining("the Kafka broker at 127.0.0.1:1 did not answer")
                    .hasMessageContaining("consumer group g");
        }
    }
}
