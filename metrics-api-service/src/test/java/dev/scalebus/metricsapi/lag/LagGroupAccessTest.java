package dev.scalebus.metricsapi.lag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LagGroupAccessTest {

    @Test
    void nothingListedIsNothingReadable() {
        assertThat(new LagGroupAccess(Map.of()).allows("default", "scalebus-history")).isFalse();
    }

    @Test
    void anExactNameAllowsThatGroupInThatNamespaceOnly() {
        LagGroupAccess access = new LagGroupAccess(Map.of("shop", List.of("orders")));

        assertThat(access.allows("shop", "orders")).isTrue();
        assertThat(access.allows("shop", "orders-retry")).isFalse();
        assertThat(access.allows("other", "orders")).isFalse();
    }

    @Test
    void aTrailingStarIsAPrefixAndAStarAloneEveryGroup() {
        LagGroupAccess access = new LagGroupAccess(Map.of("shop", List.of(" orders-* "), "ops", List.of("*")));

        assertThat(access.allows("shop", "orders-retry")).isTrue();
        assertThat(access.allows("shop", "orders-")).isTrue();
        assertThat(access.allows("shop", "orders")).isFalse();
        assertThat(access.allows("ops", "anything")).isTrue();
    }

    @Test
    void theStarNamespaceAppliesToEveryNamespace() {
        LagGroupAccess access = new LagGroupAccess(Map.of("*", List.of("shared-*"), "shop", List.of("orders")));

        assertThat(access.allows("anywhere", "shared-x")).isTrue();
        assertThat(access.allows("shop", "shared-x")).isTrue();
        assertThat(access.allows("anywhere", "orders")).isFalse();
    }
}
