package dev.scalebus.collector.kubelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalebus.collector.kube.NodeTarget;
import dev.scalebus.collector.scrape.ScrapeException;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The scrape URL is built from its parts: a path can never move the request to another host or port. */
class KubeletUriTest {

    @Test
    void theRequestGoesToTheNodesAddressAndPort() throws Exception {
        assertThat(JdkKubeletClient.uri(new NodeTarget("n", "10.0.0.7", 10250, "/metrics/resource")))
                .isEqualTo(URI.create("https://10.0.0.7:10250/metrics/resource"));
        assertThat(JdkKubeletClient.uri(new NodeTarget("n", "fd00::7", 10250, "/stats/summary")))
                .isEqualTo(URI.create("https://[fd00::7]:10250/stats/summary"));
    }

    @Test
    void evenAnUnvettedPathCannotNameAnotherHost() throws Exception {
        URI doubleSlash = JdkKubeletClient.uri(new NodeTarget("n", "10.0.0.7", 10250, "//evil.example/x"));
        assertThat(doubleSlash.getHost()).isEqualTo("10.0.0.7");
        assertThat(doubleSlash.getPort()).isEqualTo(10250);
        assertThatThrownBy(() -> JdkKubeletClient.uri(new NodeTarget("n", "10.0.0.7", 10250, "@evil/")))
                .isInstanceOf(ScrapeException.class);
        URI query = JdkKubeletClient.uri(new NodeTarget("n", "10.0.0.7", 10250, "/m?x=1"));
        assertThat(query.getHost()).isEqualTo("10.0.0.7");
        assertThat(query.getRawQuery()).isNull();
    }
}
