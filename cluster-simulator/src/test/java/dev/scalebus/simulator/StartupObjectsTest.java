package dev.scalebus.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebus.simulator.app.SimulatorLifecycle;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The app's start-up setup (scalebus.simulator.api-services and .manifests, set for the test profile). */
@QuarkusTest
class StartupObjectsTest {

    @Inject
    SimulatorLifecycle lifecycle;

    @Test
    void registersTheConfiguredAggregatedApis() {
        KubernetesClient client = lifecycle.cluster().client();
        GenericKubernetesResource metrics = client.genericKubernetesResources("apiregistration.k8s.io/v1",
                "APIService").withName("v1beta1.metrics.k8s.io").get();
        assertThat(metrics).isNotNull();
        assertThat(metrics.getMetadata().getAnnotations()).containsValue("https://127.0.0.1:8443");
        assertThat(client.genericKubernetesResources("apiregistration.k8s.io/v1", "APIService")
                .withName("v1beta2.custom.metrics.k8s.io").get()).isNotNull();
    }

    @Test
    void createsTheManifestsObjectsInOrderCrdFirst() {
        KubernetesClient client = lifecycle.cluster().client();
        assertThat(client.apiextensions().v1().customResourceDefinitions()
                .withName("horizontalautoscalers.autoscaling.scalebus.dev").get()).isNotNull();
        ResourceDefinitionContext autoscalers = new ResourceDefinitionContext.Builder()
                .withGroup("autoscaling.scalebus.dev").withVersion("v1").withPlural("horizontalautoscalers")
                .withKind("HorizontalAutoscaler").withNamespaced(true).build();
        GenericKubernetesResource hpa = client.genericKubernetesResources(autoscalers).inNamespace("yuchao")
                .withName("hpa-eladmin-web").get();
        assertThat(hpa).isNotNull();
        assertThat(hpa.get("spec", "maxReplicas").toString()).isEqualTo("3");
    }
}
