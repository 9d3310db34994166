package dev.scalebus.simulator.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;

/**
 * Just enough OpenAPI v3 for kubectl to see that the server validates fields itself: the /openapi/v3 index and, per
 * group/version, a PATCH operation with the {@code fieldValidation} query parameter for each resource (what
 * cli-runtime's queryParamVerifierV3 looks for). kubectl then sends {@code fieldValidation=Strict} instead of
 * validating against /openapi/v2, which the simulator does not serve; so {@code kubectl apply -f} works without
 * {@code --validate=false}. No schemas: the simulator stores what it is given, as it always did.
 */
final class OpenApiV3 {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenApiV3() {
    }

    /** The index: "api/v1" or "apis/GROUP/VERSION" → the document's URL. */
    static ObjectNode index(Collection<String> groupVersions) {
        ObjectNode index = JSON.createObjectNode();
        ObjectNode paths = index.putObject("paths");
        for (String gv : groupVersions) {
            String key = apiPath(gv);
            // the hash only lets clients cache a document; a constant per group/version is enough here
            paths.putObject(key).put("serverRelativeURL", "/openapi/v3/" + key + "?hash="
                    + Integer.toHexString(gv.hashCode()).toUpperCase());
        }
        return index;
    }

    /** The document of one group/version, from its APIResourceList. */
    static ObjectNode document(String gv, JsonNode resourceList) {
        String group = gv.contains("/") ? gv.substring(0, gv.indexOf('/')) : "";
        String version = gv.substring(gv.indexOf('/') + 1);
        ObjectNode doc = JSON.createObjectNode().put("openapi", "3.0.0");
        doc.putObject("info").put("title", "Kubernetes").put("version", "v1.32.4-scalebus-sim");
        ObjectNode paths = doc.putObject("paths");
        for (JsonNode r : resourceList.path("resources")) {
            String plural = r.path("name").asText();
            if (plural.contains("/")) {
                continue; // subresources: kubectl checks the resource's own PATCH
            }
            String path = "/" + apiPath(gv) + (r.path("namespaced").asBoolean() ? "/namespaces/{namespace}/" : "/")
                    + plural + "/{name}";
            ObjectNode patch = paths.putObject(path).putObject("patch");
            patch.put("operationId", "patch" + r.path("kind").asText()).put("x-kubernetes-action", "patch");
            patch.putObject("x-kubernetes-group-version-kind").put("group", group).put("version", version)
                    .put("kind", r.path("kind").asText());
            patch.putArray("parameters").addObject().put("name", "fieldValidation").put("in", "query")
                    .putObject("schema").put("type", "string");
            patch.putObject("responses");
        }
        return doc;
    }

    private static String apiPath(String gv) {
        return gv.contains("/") ? "apis/" + gv : "api/" + gv;
    }
}
