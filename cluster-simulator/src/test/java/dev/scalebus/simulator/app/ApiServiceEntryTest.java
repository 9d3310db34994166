package dev.scalebus.simulator.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ApiServiceEntryTest {

    @Test
    void parsesGroupVersionAndUrl() {
        assertThat(StartupObjects.ApiService.parse("custom.metrics.k8s.io/v1beta2=https://127.0.0.1:8443"))
                .isEqualTo(new StartupObjects.ApiService("custom.metrics.k8s.io", "v1beta2",
                        URI.create("https://127.0.0.1:8443")));
    }

    @Test
    void rejectsEntriesThatAreNotGroupVersionEqualsUrlNamingTheSetting() {
        for (String bad : new String[] {"metrics.k8s.io=https://x", "metrics.k8s.io/v1beta1", "/v1=https://x",
            "a/b/c=https://x", "metrics.k8s.io/v1beta1=not-a-url"}) {
            assertThatThrownBy(() -> StartupObjects.ApiService.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("scalebus.simulator.api-services");
        }
    }
}
