package dev.scalebus.collector.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The kubernetes-pods job's annotations, phase, IP and deletion rules. */
class AppPodTargetsTest {

    @Test
    void annotationsGiveSchemePortAndPathWithPrometheusDefaults() {
        assertThat(AppPodTargets.of(pod(Map.of("prometheus.io/scrape", "true", "prometheus.io/port", "8080"))))
                .get().extracting(AppPodTarget::uri).isEqualTo(URI.create("http://10.1.2.3:8080/metrics"));
        AppPodTarget custom = AppPodTargets.of(pod(Map.of("prometheus.io/scrape", "true", "prometheus.io/port",
                "9443", "prometheus.io/scheme", "https", "prometheus.io/path", "/actuator/prometheus"))).orElseThrow();
        assertThat(custom.uri()).isEqualTo(URI.create("https://10.1.2.3:9443/actuator/prometheus"));
        assertThat(custom.key()).isEqualTo("shop/web-1");
        assertThat(custom.nodeName()).isEqualTo("node-a");
        assertThat(custom.scrapable()).isTrue();
    }

    @Test
    void withoutPortAnnotationTheSingleDeclaredContainerPortIsUsedElseNoPort() {
        Pod onePort = new PodBuilder(pod(Map.of("prometheus.io/scrape", "true"))).editSpec().editFirstContainer()
                .withPorts(new ContainerPortBuilder().withContainerPort(9100).build()).endContainer().endSpec().build();
        assertThat(AppPodTargets.of(onePort)).get().extracting(AppPodTarget::uri)
                .isEqualTo(URI.create("http://10.1.2.3:9100/metrics"));

        Pod twoPorts = new PodBuilder(onePort).editSpec().editFirstContainer().addNewPort().withContainerPort(8080)
                .endPort().endContainer().endSpec().build();
        AppPodTarget problem = AppPodTargets.of(twoPorts).orElseThrow();
        assertThat(problem.scrapable()).isFalse();
        assertThat(problem.problem()).isEqualTo("no-port");
        assertThat(problem.detail()).contains("2 declared TCP container ports");
    }

    @Test
    void badAnnotationsAreProblemsNamingTheAnnotation() {
        assertThat(AppPodTargets.of(pod(Map.of("prometheus.io/scrape", "true", "prometheus.io/port", "http"))))
                .get().satisfies(t -> {
                    assertThat(t.problem()).isEqualTo("bad-annotation");
                    assertThat(t.detail()).contains("prometheus.io/port must be a port number 1..65535, got 'http'");
                });
        assertThat(AppPodTargets.of(pod(Map.of("prometheus.io/scrape", "true", "prometheus.io/port", "80",
                "prometheus.io/scheme", "ftp")))).get().extracting(AppPodTarget::detail).asString()
                .contains("prometheus.io/scheme must be http or https");
    }

    @Test
    void unannotatedPendingDeletedOrAddresslessPodsAreNoTargets() {
        Map<String, String> scrape = Map.of("prometheus.io/scrape", "true", "prometheus.io/port", "8080");
        assertThat(AppPodTargets.of(pod(Map.of()))).isEmpty();
        assertThat(AppPodTargets.of(pod(Map.of("prometheus.io/scrape", "false", "prometheus.io/port", "8080"))))
                .isEmpty();
        assertThat(AppPodTargets.of(new PodBuilder(pod(scrape)).editStatus().withPhase("Pending").endStatus().build()))
                .isEmpty();
        assertThat(AppPodTargets.of(new PodBuilder(pod(scrape)).editStatus().withPodIP(null).endStatus().build()))
                .isEmpty();
        assertThat(AppPodTargets.of(new PodBuilder(pod(scrape)).editMetadata()
                .withDeletionTimestamp("2026-01-01T00:00:00Z").endMetadata().build())).isEmpty();
        assertThat(AppPodTargets.of(new PodBuilder(pod(scrape)).editStatus().withPodIP("fd00::7").endStatus().build()))
                .map(AppPodTarget::uri).isEqualTo(Optional.of(URI.create("http://[fd00::7]:8080/metrics")));
    }

    private static Pod pod(Map<String, String> annotations) {
        return new PodBuilder().withNewMetadata().withNamespace("shop").withName("web-1").withAnnotations(annotations)
                .endMetadata().withNewSpec().withNodeName("node-a").addNewContainer().withName("web").endContainer()
                .endSpec().withNewStatus().withPhase("Running").withPodIP("10.1.2.3").endStatus().build();
    }
}
