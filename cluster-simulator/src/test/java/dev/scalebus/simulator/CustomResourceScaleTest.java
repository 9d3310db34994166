package dev.scalebus.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The /scale subresource of custom resources on the simulated API server, as apiextensions-apiserver serves it:
 * a CRD with {@code subresources.scale} (widgets.example.com), one without (gadgets), a cluster-scoped one (knobs).
 */
class CustomResourceScaleTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ResourceDefinitionContext WIDGETS = new ResourceDefinitionContext.Builder()
            .withGroup("example.com").withVersion("v1").withPlural("widgets").withKind("Widget").withNamespaced(true)
            .build();
    private static SimulatedCluster cluster;

    @BeforeAll
    static void start() {
        cluster = SimulatedCluster.start(SimulatorSettings.builder()
                .nodeNamePrefix("crscale-" + UUID.randomUUID().toString().substring(0, 8)).nodeCount(1)
                .loopbackBase(SimulatorSettings.randomLoopbackBase()).build());
        String scale = "scale: {specReplicasPath: .spec.replicas, statusReplicasPath: .status.replicas, "
                + "labelSelectorPath: .status.selector}";
        crd("widgets", "Widget", "Namespaced", "status: {}\n" + "      " + scale);
        crd("gadgets", "Gadget", "Namespaced", "status: {}");
        crd("knobs", "Knob", "Cluster", scale);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void discoveryListsTheScaleSubresourceOfTheCrdWithIt() throws Exception {
        JsonNode resources = get("/apis/example.com/v1").path("resources");
        assertThat(resources.findValuesAsText("name")).contains("widgets", "widgets/scale", "gadgets", "knobs/scale")
                .doesNotContain("gadgets/scale");
        for (JsonNode r : resources) {
            if (r.path("name").asText().equals("widgets/scale")) {
                assertThat(r.path("group").asText() + "/" + r.path("version").asText() + " " + r.path("kind").asText())
                        .isEqualTo("autoscaling/v1 Scale");
            }
        }
    }

    @Test
    void theScaleIsBuiltFromTheCrdPaths() throws Exception {
        String ns = namespace();
        widget(ns, "w", 2, 2, "app=w,tier=web");
        JsonNode scale = get(scalePath(ns, "w"));
        assertThat(scale.path("kind").asText()).isEqualTo("Scale");
        assertThat(scale.path("apiVersion").asText()).isEqualTo("autoscaling/v1");
        assertThat(scale.path("metadata").path("name").asText()).isEqualTo("w");
        assertThat(scale.path("metadata").path("resourceVersion").asText())
                .isEqualTo(widgetObject(ns, "w").getMetadata().getResourceVersion());
        assertThat(scale.path("spec").path("replicas").asInt()).isEqualTo(2);
        assertThat(scale.path("status").path("replicas").asInt()).isEqualTo(2);
        assertThat(scale.path("status").path("selector").asText()).isEqualTo("app=w,tier=web");
    }

    @Test
    void aPutWritesOnlyTheSpecReplicasPathAndBumpsVersionAndGeneration() throws Exception {
        String ns = namespace();
        widget(ns, "w", 1, 1, "app=w");
        GenericKubernetesResource before = widgetObject(ns, "w");
        JsonNode scale = get(scalePath(ns, "w"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) scale.path("spec")).put("replicas", 4);

        HttpResponse<String> put = send("PUT", scalePath(ns, "w"), "application/json", scale.toString());

        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(JSON.readTree(put.body()).path("spec").path("replicas").asInt()).isEqualTo(4);
        GenericKubernetesResource after = widgetObject(ns, "w");
        assertThat(after.get("spec", "replicas").toString()).isEqualTo("4");
        assertThat(after.get("spec", "color").toString()).isEqualTo("blue");
        assertThat(after.getMetadata().getResourceVersion()).isNotEqualTo(before.getMetadata().getResourceVersion());
        assertThat(after.getMetadata().getGeneration()).isGreaterThan(before.getMetadata().getGeneration());
        assertThat(JSON.readTree(put.body()).path("metadata").path("resourceVersion").asText())
                .isEqualTo(after.getMetadata().getResourceVersion());
    }

    @Test
    void mergeAndJsonPatchesChangeTheReplicas() throws Exception {
        String ns = namespace();
        widget(ns, "w", 1, 1, "app=w");
        HttpResponse<String> merge = send("PATCH", scalePath(ns, "w"), "application/merge-patch+json",
                "{\"spec\":{\"replicas\":5}}");
        assertThat(merge.statusCode()).as(merge.body()).isEqualTo(200);
        assertThat(widgetObject(ns, "w").get("spec", "replicas").toString()).isEqualTo("5");
        HttpResponse<String> jsonPatch = send("PATCH", scalePath(ns, "w"), "application/json-patch+json",
                "[{\"op\":\"test\",\"path\":\"/spec/replicas\",\"value\":5},"
                        + "{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":6}]");
        assertThat(jsonPatch.statusCode()).as(jsonPatch.body()).isEqualTo(200);
        assertThat(widgetObject(ns, "w").get("spec", "replicas").toString()).isEqualTo("6");
        HttpResponse<String> failedTest = send("PATCH", scalePath(ns, "w"), "application/json-patch+json",
                "[{\"op\":\"test\",\"path\":\"/spec/replicas\",\"value\":1},"
                        + "{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":9}]");
        assertThat(failedTest.statusCode()).isEqualTo(422);
        assertThat(widgetObject(ns, "w").get("spec", "replicas").toString()).isEqualTo("6");
    }

    @Test
    void aStaleResourceVersionIsAConflictAndNegativeReplicasAreInvalid() throws Exception {
        String ns = namespace();
        widget(ns, "w", 3, 3, "app=w");
        String stale = "{\"kind\":\"Scale\",\"apiVersion\":\"autoscaling/v1\",\"metadata\":{\"name\":\"w\","
                + "\"namespace\":\"" + ns + "\",\"resourceVersion\":\"1\"},\"spec\":{\"replicas\":2}}";
        HttpResponse<String> conflict = send("PUT", scalePath(ns, "w"), "application/json", stale);
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(conflict.body()).path("reason").asText()).isEqualTo("Conflict");
        assertThat(JSON.readTree(conflict.body()).path("message").asText())
                .startsWith("Operation cannot be fulfilled on widgets.example.com \"w\": the object has been modified");

        HttpResponse<String> invalid = send("PATCH", scalePath(ns, "w"), "application/merge-patch+json",
                "{\"spec\":{\"replicas\":-3}}");
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(invalid.body()).path("message").asText()).isEqualTo(
                "Widget.example.com \"w\" is invalid: .spec.replicas: Invalid value: -3: should be a non-negative integer");
        assertThat(widgetObject(ns, "w").get("spec", "replicas").toString()).isEqualTo("3");
    }

    @Test
    void missingFieldsAreZeroEmptyOrAnErrorAsUpstream() throws Exception {
        String ns = namespace();
        cluster.client().genericKubernetesResources(WIDGETS).inNamespace(ns).resource(resource(ns, "bare",
                Map.of("color", "red"))).create();
        // no spec replicas: GET is an internal error, a patch without replicas a bad request, one with them works
        HttpResponse<String> read = send("GET", scalePath(ns, "bare"), null, null);
        assertThat(read.statusCode()).isEqualTo(500);
        assertThat(JSON.readTree(read.body()).path("message").asText())
                .isEqualTo("Internal error occurred: the spec replicas field \".spec.replicas\" does not exist");
        assertThat(send("PATCH", scalePath(ns, "bare"), "application/merge-patch+json", "{\"metadata\":{}}")
                .statusCode()).isEqualTo(400);
        HttpResponse<String> set = send("PATCH", scalePath(ns, "bare"), "application/merge-patch+json",
                "{\"spec\":{\"replicas\":2}}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        JsonNode scale = get(scalePath(ns, "bare"));
        assertThat(scale.path("spec").path("replicas").asInt()).isEqualTo(2);
        assertThat(scale.path("status").path("replicas").asInt()).isZero();
        assertThat(scale.path("status").path("selector").asText("")).isEmpty();
    }

    @Test
    void withoutTheSubresourceOrTheObjectItIsNotFound() throws Exception {
        String ns = namespace();
        HttpResponse<String> noSubresource = send("GET",
                "/apis/example.com/v1/namespaces/" + ns + "/gadgets/g/scale", null, null);
        assertThat(noSubresource.statusCode()).isEqualTo(404);
        JsonNode status = JSON.readTree(noSubresource.body());
        assertThat(status.path("kind").asText()).isEqualTo("Status");
        assertThat(status.path("reason").asText()).isEqualTo("NotFound");
        assertThat(status.path("message").asText()).isEqualTo("gadgets.example.com \"g\" not found");
        assertThat(send("PUT", "/apis/example.com/v1/namespaces/" + ns + "/gadgets/g/scale", "application/json",
                "{\"spec\":{\"replicas\":1}}").statusCode()).isEqualTo(404);
        HttpResponse<String> noObject = send("GET", scalePath(ns, "nope"), null, null);
        assertThat(noObject.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(noObject.body()).path("message").asText())
                .isEqualTo("widgets.example.com \"nope\" not found");
    }

    @Test
    void aClusterScopedCustomResourceScalesToo() throws Exception {
        ResourceDefinitionContext knobs = new ResourceDefinitionContext.Builder().withGroup("example.com")
                .withVersion("v1").withPlural("knobs").withKind("Knob").withNamespaced(false).build();
        GenericKubernetesResource knob = resource(null, "k", Map.of("replicas", 1));
        knob.setKind("Knob");
        cluster.client().genericKubernetesResources(knobs).resource(knob).create();
        HttpResponse<String> patch = send("PATCH", "/apis/example.com/v1/knobs/k/scale",
                "application/merge-patch+json", "{\"spec\":{\"replicas\":7}}");
        assertThat(patch.statusCode()).as(patch.body()).isEqualTo(200);
        assertThat(cluster.client().genericKubernetesResources(knobs).withName("k").get().get("spec", "replicas")
                .toString()).isEqualTo("7");
    }

    @Test
    void kubectlScalesAWidget() throws Exception {
        org.assertj.core.api.Assumptions.assumeThat(Files.isExecutable(Path.of("/usr/bin/kubectl"))).isTrue();
        String ns = namespace();
        widget(ns, "w", 1, 1, "app=w");
        Process p = new ProcessBuilder("kubectl", "--kubeconfig", cluster.kubeconfig().toString(),
                "--request-timeout=10s", "-n", ns, "scale", "widgets.example.com/w", "--replicas=3")
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(widgetObject(ns, "w").get("spec", "replicas").toString()).isEqualTo("3");
    }

    private static void crd(String plural, String kind, String scope, String subresources) {
        String yaml = """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: %1$s.example.com}
                spec:
                  group: example.com
                  scope: %3$s
                  names: {plural: %1$s, singular: %4$s, kind: %2$s}
                  versions:
                  - name: v1
                    served: true
                    storage: true
                    schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
                    subresources:
                      %5$s
                """.formatted(plural, kind, scope, kind.toLowerCase(), subresources);
        cluster.client().apiextensions().v1().customResourceDefinitions()
                .resource(Serialization.unmarshal(yaml, CustomResourceDefinition.class)).create();
    }

    private static String namespace() {
        String ns = "cr-" + UUID.randomUUID().toString().substring(0, 8);
        cluster.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata()
                .build()).create();
        return ns;
    }

    /** A Widget with spec.replicas, then its status written through /status (the CRD has the status subresource). */
    private static void widget(String ns, String name, int specReplicas, int statusReplicas, String selector) {
        var widgets = cluster.client().genericKubernetesResources(WIDGETS).inNamespace(ns);
        widgets.resource(resource(ns, name, Map.of("replicas", specReplicas, "color", "blue"))).create();
        GenericKubernetesResource stored = widgets.withName(name).get();
        stored.setAdditionalProperty("status", Map.of("replicas", statusReplicas, "selector", selector));
        widgets.resource(stored).updateStatus();
        assertThat(widgets.withName(name).get().get("status", "selector").toString()).isEqualTo(selector);
    }

    private static GenericKubernetesResource resource(String ns, String name, Map<String, Object> spec) {
        GenericKubernetesResource r = new GenericKubernetesResource();
        r.setApiVersion("example.com/v1");
        r.setKind("Widget");
        r.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name).withNamespace(ns).build());
        r.setAdditionalProperty("spec", spec);
        return r;
    }

    private static GenericKubernetesResource widgetObject(String ns, String name) {
        return cluster.client().genericKubernetesResources(WIDGETS).inNamespace(ns).withName(name).get();
    }

    private static String scalePath(String ns, String name) {
        return "/apis/example.com/v1/namespaces/" + ns + "/widgets/" + name + "/scale";
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> r = send("GET", path, null, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static HttpResponse<String> send(String method, String path, String contentType, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(cluster.apiServerUrl() + path));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
