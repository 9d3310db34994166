package dev.scalebus.autoscaler.kube;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scalebus.autoscaler.api.Mappers;
import dev.scalebus.autoscaler.api.SimulateRequest;
import dev.scalebus.autoscaler.hpa.Behavior;
import dev.scalebus.autoscaler.hpa.HpaSpec;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CRD in k8s/crd parses as a CustomResourceDefinition and seed 000's HPA fits both it and the model. */
class HorizontalAutoscalerCrdTest {

    static final Path CRD = Path.of("..", "k8s", "crd", "horizontalautoscaler.yaml");

    static CustomResourceDefinition crd() throws IOException {
        try (InputStream in = Files.newInputStream(CRD)) {
            return Serialization.unmarshal(in, CustomResourceDefinition.class);
        }
    }

    static String seed() throws IOException {
        try (InputStream in = HorizontalAutoscalerCrdTest.class.getResourceAsStream("/seed-000-hpa.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void crdDefinesHorizontalAutoscalerV1WithHpaColumns() throws IOException {
        CustomResourceDefinition crd = crd();
        assertThat(crd.getMetadata().getName()).isEqualTo("horizontalautoscalers.autoscaling.scalebus.dev");
        assertThat(crd.getSpec().getGroup()).isEqualTo("autoscaling.scalebus.dev");
        assertThat(crd.getSpec().getNames().getKind()).isEqualTo("HorizontalAutoscaler");
        CustomResourceDefinitionVersion v1 = crd.getSpec().getVersions().get(0);
        assertThat(v1.getName()).isEqualTo("v1");
        assertThat(v1.getSubresources().getStatus()).isNotNull();
        assertThat(v1.getAdditionalPrinterColumns().stream().filter(c -> c.getPriority() == null
                || c.getPriority() == 0).map(c -> c.getName().toUpperCase()))
                .containsExactly("REFERENCE", "TARGETS", "MINPODS", "MAXPODS", "REPLICAS", "AGE");
        Map<String, JSONSchemaProps> spec = v1.getSchema().getOpenAPIV3Schema().getProperties().get("spec")
                .getProperties();
        assertThat(spec).containsKeys("scaleTargetRef", "minReplicas", "maxReplicas", "metrics", "behavior",
                "dryRun");
        assertThat(spec.get("metrics").getItems().getSchema().getProperties())
                .containsKeys("resource", "containerResource", "pods", "object", "external");
        assertThat(v1.getSchema().getOpenAPIV3Schema().getProperties().get("status").getProperties())
                .containsKeys("currentReplicas", "desiredReplicas", "currentMetrics", "conditions", "lastScaleTime",
                        "observedGeneration");
    }

    @Test
    void seed000HpaWithCrdKindFitsTheSchema() throws IOException {
        JsonNode seed = Mappers.yaml().readTree(seed());
        assertThat(seed.get("apiVersion").asText()).isEqualTo("autoscaling.scalebus.dev/v1");
        JSONSchemaProps schema = crd().getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema();
        assertFits(seed.get("spec"), schema.getProperties().get("spec"), "spec");
    }

    // every field of the object is declared by the schema (what a structural schema would otherwise prune)
    private static void assertFits(JsonNode node, JSONSchemaProps schema, String path) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> f = it.next();
                assertThat(schema.getProperties()).as(path).containsKey(f.getKey());
                assertFits(f.getValue(), schema.getProperties().get(f.getKey()), path + "." + f.getKey());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                assertFits(node.get(i), schema.getItems().getSchema(), path + "[" + i + "]");
            }
        } else if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            assertThat(schema.getEnum().stream().map(JsonNode::asText)).as(path).contains(node.asText());
        }
    }

    @Test
    void seed000HpaMapsOntoTheModel() throws IOException {
        SimulateRequest.Autoscaler a = Mappers.read(seed(), "application/yaml", SimulateRequest.Autoscaler.class);
        assertThat(a.kind()).isEqualTo("HorizontalAutoscaler");
        HpaSpec spec = a.spec();
        assertThat(spec.scaleTargetRef()).isEqualTo(new HpaSpec.TargetRef("apps/v1", "Deployment", "eladmin-web"));
        assertThat(spec.minReplicas()).isEqualTo(1);
        assertThat(spec.maxReplicas()).isEqualTo(3);
        assertThat(spec.metrics()).extracting(m -> m.resource().name()).containsExactly("memory", "cpu");
        assertThat(spec.metrics()).allSatisfy(m -> assertThat(m.resource().target().averageUtilization())
                .isEqualTo(80));
        assertThat(spec.behavior().scaleUp()).isNull();
        assertThat(spec.behavior().scaleDown()).isEqualTo(new Behavior.ScalingRules(60, null,
                java.util.List.of(new Behavior.ScalingPolicy("Percent", 10, 60)), null));
    }
}
