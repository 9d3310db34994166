package dev.scalebus.simulator.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The /scale subresource of custom resources, as apiextensions-apiserver serves it (customresource/etcd.go
 * ScaleREST, scaleFromCustomResource, scaleUpdatedObjectInfo): only when the stored CustomResourceDefinition declares
 * {@code subresources.scale} for the requested version (else 404, as the crdHandler answers an unknown subresource).
 * The autoscaling/v1 Scale is read from {@code specReplicasPath}, {@code statusReplicasPath} (missing: 0) and
 * {@code labelSelectorPath} (a string; missing: ""); PUT and PATCH work on that Scale and write only the value at
 * {@code specReplicasPath} back, after the resourceVersion precondition (409) and the CR validator's non-negative
 * check (422). The store bumps the object's resourceVersion and generation as for any spec change.
 */
final class CustomResourceScale {

    static final Pattern PATH = Pattern.compile(
            "^/apis/([^/]+)/([^/]+)/(?:namespaces/([^/]+)/)?([^/]+)/([^/?]+)/scale(\\?.*)?$");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
    /** scaleUpdatedObjectInfo's marker for "spec replicas not found in the object" (smallest int32). */
    private static final int MISSING = Integer.MIN_VALUE;

    /** A CRD version's {@code subresources.scale}. */
    record ScalePaths(String specReplicasPath, String statusReplicasPath, String labelSelectorPath) {
    }

    private final KubeStore store;

    CustomResourceScale(KubeStore store) {
        this.store = store;
    }

    MockResponse handle(RecordedRequest request, Matcher m) {
        String group = m.group(1);
        String version = m.group(2);
        String ns = m.group(3);
        String plural = m.group(4);
        String name = m.group(5);
        String groupResource = plural + "." + group;
        try {
            JsonNode crd = crd(group, plural);
            JsonNode served = crd == null ? null : servedVersion(crd, version);
            if (served == null || "Cluster".equals(crd.path("spec").path("scope").asText()) == (ns != null)) {
                return Status.error(404, "NotFound", "the server could not find the requested resource");
            }
            JsonNode scaleSpec = served.path("subresources").path("scale");
            if (!scaleSpec.isObject()) {
                return Status.error(404, "NotFound", groupResource + " \"" + name + "\" not found");
            }
            ScalePaths paths = new ScalePaths(scaleSpec.path("specReplicasPath").asText(),
                    scaleSpec.path("statusReplicasPath").asText(), scaleSpec.path("labelSelectorPath").asText(""));
            String objectPath = "/apis/" + group + "/" + version + (ns == null ? "" : "/namespaces/" + ns) + "/"
                    + plural + "/" + name;
            MockResponse current = store.send(HttpMethod.GET, objectPath, null, null);
            if (current.code() == 404) {
                return Status.error(404, "NotFound", groupResource + " \"" + name + "\" not found");
            }
            ObjectNode object = (ObjectNode) JSON.readTree(current.getBody().readUtf8());
            HttpMethod method = request.method();
            if (method == HttpMethod.GET) {
                ObjectNode scale = scale(object, paths);
                if (scale.path("spec").path("replicas").asLong() == MISSING) {
                    return internal("the spec replicas field \"" + paths.specReplicasPath() + "\" does not exist");
                }
                return ok(scale);
            }
            if (method != HttpMethod.PUT && method != HttpMethod.PATCH) {
                return Status.error(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
            }
            String body = request.getUtf8Body();
            JsonNode input = JSON.readTree(body == null || body.isBlank() ? "{}" : body);
            JsonNode updated = method == HttpMethod.PUT ? input : JsonPatches.apply(scale(object, paths), input);
            return write(object, objectPath, paths, updated, groupResource, name);
        } catch (JsonPatches.PatchException e) {
            return Status.error(e.code, e.code == 422 ? "Invalid" : "BadRequest", e.getMessage());
        } catch (IllegalStateException e) {
            return internal(e.getMessage());
        } catch (IOException e) {
            return Status.error(400, "BadRequest", "cannot parse request body: " + e.getMessage());
        }
    }

    /** scaleUpdatedObjectInfo.UpdatedObject + the store's precondition and validation, then the write. */
    private MockResponse write(ObjectNode object, String objectPath, ScalePaths paths, JsonNode scale,
            String groupResource, String name) throws IOException {
        JsonNode replicasNode = scale.path("spec").path("replicas");
        if (!replicasNode.isMissingNode() && !replicasNode.isNull() && !replicasNode.canConvertToInt()) {
            return Status.error(400, "BadRequest", "Scale in version \"v1\" cannot be handled as a Scale: spec.replicas: "
                    + "expected an int32, got " + replicasNode);
        }
        long replicas = replicasNode.asLong(0); // an absent field decodes to int32 zero
        if (replicas == MISSING) {
            return Status.error(400, "BadRequest", "the spec replicas field \"" + paths.specReplicasPath()
                    + "\" cannot be empty");
        }
        String expected = scale.path("metadata").path("resourceVersion").asText("");
        if (!expected.isEmpty() && !expected.equals(object.path("metadata").path("resourceVersion").asText(""))) {
            return Status.error(409, "Conflict", "Operation cannot be fulfilled on " + groupResource + " \"" + name
                    + "\": the object has been modified; please apply your changes to the latest version and try again");
        }
        if (replicas < 0) {
            String kind = object.path("kind").asText() + "." + groupResource.substring(groupResource.indexOf('.') + 1);
            return Status.error(422, "Invalid", kind + " \"" + name + "\" is invalid: " + paths.specReplicasPath()
                    + ": Invalid value: " + replicas + ": should be a non-negative integer");
        }
        // SetNestedField: intermediate maps are created; a non-map on the way is an error
        ObjectNode patch = JSON.createObjectNode();
        ObjectNode at = patch;
        JsonNode existing = object;
        String[] segments = segments(paths.specReplicasPath());
        for (int i = 0; i < segments.length - 1; i++) {
            existing = existing.path(segments[i]);
            if (!existing.isMissingNode() && !existing.isNull() && !existing.isObject()) {
                throw new IllegalStateException("value cannot be set because ." + String.join(".",
                        java.util.Arrays.copyOf(segments, i + 1)) + " is not a map[string]interface{}");
            }
            at = at.putObject(segments[i]);
        }
        at.put(segments[segments.length - 1], replicas);
        MockResponse written = store.send(HttpMethod.PATCH, objectPath, "application/merge-patch+json", patch.toString());
        if (written.code() >= 300) {
            return written;
        }
        return ok(scale((ObjectNode) JSON.readTree(written.getBody().readUtf8()), paths));
    }

    /** scaleFromCustomResource; spec.replicas is {@link #MISSING} when the object has none. */
    static ObjectNode scale(ObjectNode object, ScalePaths paths) {
        ObjectNode scale = JSON.createObjectNode().put("kind", "Scale").put("apiVersion", "autoscaling/v1");
        ObjectNode meta = scale.putObject("metadata");
        for (String field : new String[] {"name", "namespace", "uid", "resourceVersion", "creationTimestamp"}) {
            if (object.path("metadata").has(field)) {
                meta.set(field, object.path("metadata").get(field));
            }
        }
        JsonNode spec = at(object, paths.specReplicasPath());
        // Scale's replicas are int32, converted as Go's int32(int64) does
        scale.putObject("spec").put("replicas", spec.isMissingNode() ? MISSING : (int) int64(spec, paths.specReplicasPath()));
        JsonNode status = at(object, paths.statusReplicasPath());
        ObjectNode statusOut = scale.putObject("status")
                .put("replicas", status.isMissingNode() ? 0 : (int) int64(status, paths.statusReplicasPath()));
        if (!paths.labelSelectorPath().isEmpty()) {
            JsonNode selector = at(object, paths.labelSelectorPath());
            if (!selector.isMissingNode() && !selector.isTextual()) {
                throw new IllegalStateException(paths.labelSelectorPath() + " accessor error: " + selector
                        + " is of the type " + selector.getNodeType() + ", expected string");
            }
            if (!selector.asText("").isEmpty()) {
                statusOut.put("selector", selector.asText());
            }
        }
        return scale;
    }

    /** unstructured.NestedInt64: an integer, else an accessor error. */
    private static long int64(JsonNode value, String path) {
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalStateException(path + " accessor error: " + value + " is of the type "
                    + value.getNodeType() + ", expected int64");
        }
        return value.asLong();
    }

    /** The value at a dotted path (leading period ignored), missing when absent or null, or below a non-map. */
    private static JsonNode at(JsonNode object, String path) {
        JsonNode node = object;
        for (String segment : segments(path)) {
            node = node.isObject() ? node.path(segment) : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        return node.isNull() ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : node;
    }

    private static String[] segments(String path) {
        return (path.startsWith(".") ? path.substring(1) : path).split("\\.");
    }

    private JsonNode crd(String group, String plural) throws IOException {
        MockResponse r = store.send(HttpMethod.GET, CRDS, null, null);
        if (r.code() != 200) {
            return null;
        }
        for (JsonNode crd : JSON.readTree(r.getBody().readUtf8()).path("items")) {
            if (group.equals(crd.path("spec").path("group").asText())
                    && plural.equals(crd.path("spec").path("names").path("plural").asText())) {
                return crd;
            }
        }
        return null;
    }

    private static JsonNode servedVersion(JsonNode crd, String version) {
        for (JsonNode v : crd.path("spec").path("versions")) {
            if (version.equals(v.path("name").asText()) && v.path("served").asBoolean(true)) {
                return v;
            }
        }
        return null;
    }

    private static MockResponse internal(String message) {
        return Status.error(500, "InternalError", "Internal error occurred: " + message);
    }

    private static MockResponse ok(ObjectNode body) {
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                .setBody(body.toString());
    }
}
