package dev.scalebus.collector.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeAddressChooserTest {

    private static Node node(Integer statusPort, Map<String, String> annotations, String... typeAndAddress) {
        NodeBuilder builder = new NodeBuilder().withNewMetadata().withName("n1").withAnnotations(annotations)
                .endMetadata().withNewStatus().endStatus();
        for (int i = 0; i < typeAndAddress.length; i += 2) {
            builder.editStatus().addNewAddress().withType(typeAndAddress[i]).withAddress(typeAndAddress[i + 1])
                    .endAddress().endStatus();
        }
        if (statusPort != null) {
            builder.editStatus().withNewDaemonEndpoints().withNewKubeletEndpoint().withPort(statusPort)
                    .endKubeletEndpoint().endDaemonEndpoints().endStatus();
        }
        return builder.build();
    }

    @Test
    void defaultPreferenceTakesHostnameFirstLikeMetricsServer() {
        NodeAddressChooser chooser = new NodeAddressChooser(NodeAddressChooser.DEFAULT_TYPES, 10250, true,
                "/metrics/resource");

        NodeTarget target = chooser.target(node(null, Map.of(), "InternalIP", "10.0.0.7", "ExternalIP", "1.2.3.4",
                "Hostname", "worker-1"));

        assertThat(target).isEqualTo(new NodeTarget("n1", "worker-1", 10250, "/metrics/resource"));
    }

    @Test
    void walksThePreferenceListBeforeTheAddressList() {
        NodeAddressChooser chooser = new NodeAddressChooser(List.of("InternalIP", "ExternalIP", "Hostname"), 10250,
                true, "/metrics/resource");

        assertThat(chooser.address(node(null, Map.of(), "ExternalIP", "1.2.3.4", "Hostname", "w",
                "InternalIP", "10.0.0.7", "InternalIP", "10.0.0.8"))).isEqualTo("10.0.0.7");
        assertThat(chooser.address(node(null, Map.of(), "ExternalDNS", "w.example.com"))).isNull();
    }

    @Test
    void usesTheNodeStatusPortOnlyWhenEnabledAndSet() {
        Node withPort = node(10255, Map.of(), "InternalIP", "10.0.0.7");
        assertThat(new NodeAddressChooser(List.of("InternalIP"), 10250, true, "/p").port(withPort)).isEqualTo(10255);
        assertThat(new NodeAddressChooser(List.of("InternalIP"), 10250, false, "/p").port(withPort)).isEqualTo(10250);
        assertThat(new NodeAddressChooser(List.of("InternalIP"), 10250, true, "/p")
                .port(node(0, Map.of(), "InternalIP", "10.0.0.7"))).isEqualTo(10250);
    }

    @Test
    void nodeAnnotationOverridesThePath() {
        NodeAddressChooser chooser = new NodeAddressChooser(List.of("InternalIP"), 10250, true, "/metrics/resource");

        assertThat(chooser.path(node(null, Map.of(NodeAddressChooser.PATH_ANNOTATION, "/stats/summary"))))
                .isEqualTo("/stats/summary");
    }
}
