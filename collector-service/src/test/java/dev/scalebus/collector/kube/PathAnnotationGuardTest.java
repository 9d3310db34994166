package dev.scalebus.collector.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The resource-metrics-path annotation can only choose a path on the node's own kubelet, never another host. */
class PathAnnotationGuardTest {

    static final List<String> CRAFTED = List.of("//evil.example/x", "http://evil/", "/../x", "@evil/",
            "/metrics/resource?x=1", "/metrics/resource#x", "/metrics//resource", "/metrics/./resource",
            "/metrics/%2e%2e/x", "/metrics\\..\\x", "/metrics resource", "/metrics\nresource", "/metrics\tx",
            "evil.example/metrics", ":443/x", "/" + "a".repeat(256), "/métrics");

    private static Node node(String name, String path) {
        return new NodeBuilder().withNewMetadata().withName(name)
                .withAnnotations(Map.of(NodeAddressChooser.PATH_ANNOTATION, path)).endMetadata()
                .withNewStatus().addNewAddress().withType("InternalIP").withAddress("10.0.0.7").endAddress()
                .withNewDaemonEndpoints().withNewKubeletEndpoint().withPort(10250).endKubeletEndpoint()
                .endDaemonEndpoints().endStatus().build();
    }

    @Test
    void craftedValuesAreIgnoredAndTheNodesOwnAddressPortAndTheDefaultPathScraped() {
        NodeAddressChooser chooser = new NodeAddressChooser(List.of("InternalIP"), 10250, true, "/metrics/resource");

        for (String crafted : CRAFTED) {
            assertThat(PathAnnotationGuard.problem(crafted)).as(crafted).isPresent();
            assertThat(chooser.target(node("n1", crafted)))
                    .as(crafted).isEqualTo(new NodeTarget("n1", "10.0.0.7", 10250, "/metrics/resource"));
        }
    }

    @Test
    void plainAbsolutePathsAreFollowed() {
        for (String path : List.of("/metrics/resource", "/stats/summary", "/metrics/resource/v1alpha1",
                "/api/v1/nodes/n1:10250/proxy/metrics/resource", "/" + "a".repeat(255))) {
            assertThat(PathAnnotationGuard.problem(path)).as(path).isEmpty();
        }
    }

    @Test
    void aRefusedValueIsCountedOncePerNodeAndAgainOnlyWhenItChanges() {
        PathAnnotationGuard guard = new PathAnnotationGuard();

        for (int scrape = 0; scrape < 5; scrape++) {
            assertThat(guard.pathFor("n1", "//evil.example/x", "/metrics/resource")).isEqualTo("/metrics/resource");
            guard.pathFor("n2", "@evil/", "/metrics/resource");
        }
        assertThat(guard.ignoredAnnotations()).isEqualTo(2);

        guard.pathFor("n1", "http://evil/", "/metrics/resource");
        assertThat(guard.ignoredAnnotations()).isEqualTo(3);
        assertThat(guard.pathFor("n1", "/stats/summary", "/metrics/resource")).isEqualTo("/stats/summary");
        guard.pathFor("n1", "http://evil/", "/metrics/resource");
        assertThat(guard.ignoredAnnotations()).isEqualTo(4);
    }
}
