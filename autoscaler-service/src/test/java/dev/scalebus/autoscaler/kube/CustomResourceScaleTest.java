package dev.scalebus.autoscaler.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.scalebus.autoscaler.SimulatedClusterResource;
import dev.scalebus.autoscaler.hpa.HpaSpec;
import dev.scalebus.autoscaler.hpa.ScaleView;
import dev.scalebus.events.NodeScrape;
import dev.scalebus.events.PodSample;
import dev.scalebus.events.Topics;
import dev.scalebus.events.kafka.EventSerializer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A custom resource as the scale target (issue 6: "any resource with a scale subresource"): a CRD
 * {@code widgets.example.com} with {@code subresources.scale} on the cluster-simulator, its Scale read and written
 * by {@link KubeTargetScaler} (kind found by discovery), and a live HorizontalAutoscaler rescaling a Widget.
 */
@QuarkusTest
@QuarkusTestResource(SimulatedClusterResource.class)
class CustomResourceScaleTest {

    static final ResourceDefinitionContext WIDGETS = new ResourceDefinitionContext.Builder().withGroup("example.com")
            .withVersion("v1").withPlural("widgets").withKind("Widget").withNamespaced(true).build();
    static final HpaSpec.TargetRef WIDGET = new HpaSpec.TargetRef("example.com/v1", "Widget", "w");

    @Inject
    KubernetesClient client;

    @Inject
    KubeTargetScaler scaler;

    @BeforeEach
    void crds() {
        crd("widgets", "Widget", "status: {}\n      scale: {specReplicasPath: .spec.replicas, "
                + "statusReplicasPath: .status.replicas, labelSelectorPath: .status.selector}");
        crd("gadgets", "Gadget", "status: {}");
    }

    @Test
    void aWidgetsScaleIsReadAndWrittenThroughItsScaleSubresource() {
        String ns = namespace();
        widget(ns, 2, 2);
        // the kind appears in discovery once the CRD exists (re-read on a miss)
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .untilAsserted(() -> assertThat(scaler.read(ns, WIDGET)).isEqualTo(new ScaleView(2, 2, "app=widget")));

        assertThat(scaler.write(ns, WIDGET, 4)).isNull();

        assertThat(widgets(ns).withName("w").get().get("spec", "replicas").toString()).isEqualTo("4");
        assertThat(widgets(ns).withName("w").get().get("spec", "color").toString()).isEqualTo("blue");
        assertThat(scaler.read(ns, WIDGET)).isEqualTo(new ScaleView(4, 2, "app=widget"));
    }

    @Test
    void aConcurrentChangeIsAConflictAndACrdWithoutScaleIsNotFound() {
        String ns = namespace();
        widget(ns, 1, 1);
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .untilAsserted(() -> assertThat(scaler.read(ns, WIDGET).specReplicas()).isEqualTo(1));
        widgets(ns).withName("w").edit(w -> {
            w.setAdditionalProperty("spec", Map.of("replicas", 3, "color", "blue"));
            return w;
        });

        assertThat(scaler.write(ns, WIDGET, 5)).contains("widgets.example.com \"w\": the object has been modified");
        assertThat(widgets(ns).withName("w").get().get("spec", "replicas").toString()).isEqualTo("3");

        HpaSpec.TargetRef gadget = new HpaSpec.TargetRef("example.com/v1", "Gadget", "g");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThatThrownBy(() -> scaler.read(ns, gadget))
                .isInstanceOf(IllegalStateException.class).hasMessage("gadgets.example.com \"g\" not found"));
    }

    @Test
    void aLiveAutoscalerRescalesAWidget() {
        String ns = namespace();
        widget(ns, 1, 1);
        SimulatedClusterResource.metricsApi().answer(CustomMetricsLiveTest.EXTERNAL + "/namespaces/" + ns
                + "/queue_depth", 200, "{\"kind\":\"ExternalMetricValueList\",\"apiVersion\":"
                + "\"external.metrics.k8s.io/v1beta1\",\"metadata\":{},\"items\":[{\"metricName\":\"queue_depth\","
                + "\"metricLabels\":{},\"timestamp\":\"" + Instant.now() + "\",\"value\":\"14\"}]}");
        // 14 against an average of 5 per replica: 3
        GenericKubernetesResource hpa = new GenericKubernetesResource();
        hpa.setApiVersion(AutoscalerStore.API_VERSION);
        hpa.setKind(AutoscalerStore.KIND);
        hpa.setMetadata(new ObjectMetaBuilder().withName("widget-hpa").withNamespace(ns).build());
        hpa.setAdditionalProperty("spec", Map.of(
                "scaleTargetRef", Map.of("apiVersion", "example.com/v1", "kind", "Widget", "name", "w"),
                "minReplicas", 1, "maxReplicas", 5, "metrics", List.of(Map.of("type", "External", "external", Map.of(
                        "metric", Map.of("name", "queue_depth"),
                        "target", Map.of("type", "AverageValue", "averageValue", "5"))))));
        client.genericKubernetesResources(AutoscalerStore.CONTEXT).inNamespace(ns).resource(hpa).create();

        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LiveControllerTest.BOOTSTRAP);
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(p, new StringSerializer(),
                new EventSerializer())) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                publishScrape(producer, ns);
                assertThat(widgets(ns).withName("w").get().get("spec", "replicas").toString()).isEqualTo("3");
            });
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> status = (Map<String, Object>) client.genericKubernetesResources(AutoscalerStore.CONTEXT)
                .inNamespace(ns).withName("widget-hpa").get().getAdditionalProperties().get("status");
        assertThat(status).containsEntry("desiredReplicas", 3).containsKey("lastScaleTime");
        assertThat(client.v1().events().inNamespace(ns).list().getItems())
                .anySatisfy(e -> assertThat(e.getReason()).isEqualTo("SuccessfulRescale"));
    }

    /** A node scrape carrying a pod of {@code ns}: what makes the controller evaluate the namespace's autoscalers. */
    static void publishScrape(KafkaProducer<String, Object> producer, String ns) {
        Instant now = Instant.now();
        NodeScrape scrape = NodeScrape.of("node-" + ns, now, 5, NodeScrape.SOURCE_METRICS_RESOURCE, null,
                List.of(new PodSample(ns, "w-x", null, Map.of("app", "widget"), null, "Running", true, now, now,
                        false, List.of())));
        producer.send(new ProducerRecord<>(Topics.NODE_SCRAPES, scrape.nodeName(), scrape));
        producer.flush();
    }

    void crd(String plural, String kind, String subresources) {
        if (client.apiextensions().v1().customResourceDefinitions().withName(plural + ".example.com").get() != null) {
            return;
        }
        String yaml = """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: %1$s.example.com}
                spec:
                  group: example.com
                  scope: Namespaced
                  names: {plural: %1$s, singular: %3$s, kind: %2$s}
                  versions:
                  - name: v1
                    served: true
                    storage: true
                    schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
                    subresources:
                      %4$s
                """.formatted(plural, kind, kind.toLowerCase(), subresources);
        client.apiextensions().v1().customResourceDefinitions()
                .resource(Serialization.unmarshal(yaml, CustomResourceDefinition.class)).create();
    }

    String namespace() {
        String ns = "widget-" + UUID.randomUUID().toString().substring(0, 8);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
                .create();
        return ns;
    }

    /** Widget w: spec.replicas and, through /status (the CRD has the status subresource), replicas and selector. */
    void widget(String ns, int specReplicas, int statusReplicas) {
        GenericKubernetesResource w = new GenericKubernetesResource();
        w.setApiVersion("example.com/v1");
        w.setKind("Widget");
        w.setMetadata(new ObjectMetaBuilder().withName("w").withNamespace(ns).build());
        w.setAdditionalProperty("spec", Map.of("replicas", specReplicas, "color", "blue"));
        widgets(ns).resource(w).create();
        GenericKubernetesResource stored = widgets(ns).withName("w").get();
        stored.setAdditionalProperty("status", Map.of("replicas", statusReplicas, "selector", "app=widget"));
        widgets(ns).resource(stored).updateStatus();
    }

    io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<GenericKubernetesResource,
            io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
            io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>> widgets(String ns) {
        return client.genericKubernetesResources(WIDGETS).inNamespace(ns);
    }
}
