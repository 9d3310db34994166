package dev.scalebus.simulator.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The /scale subresource (autoscaling/v1 Scale) of Deployments, ReplicaSets and StatefulSets, which the CRUD mock
 * lacks (it would treat the Scale body as the whole object). GET builds the Scale from the object; PUT and PATCH
 * (JSON, merge or strategic-merge patch) change only spec.replicas, with the object's resourceVersion checked as
 * the API server does for a Scale PUT carrying one.
 */
final class ScaleSubresource {

    static final Pattern PATH = Pattern.compile(
            "^/apis/apps/v1/namespaces/([^/]+)/(deployments|replicasets|statefulsets)/([^/?]+)/scale(\\?.*)?$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubeStore store;

    ScaleSubresource(KubeStore store) {
        this.store = store;
    }

    MockResponse handle(RecordedRequest request, Matcher m) {
        String objectPath = "/apis/apps/v1/namespaces/" + m.group(1) + "/" + m.group(2) + "/" + m.group(3);
        try {
            MockResponse current = store.send(HttpMethod.GET, objectPath, null, null);
            if (current.code() == 404) {
                return Status.notFound(m.group(2), m.group(3));
            }
            ObjectNode object = (ObjectNode) JSON.readTree(current.getBody().readUtf8());
            HttpMethod method = request.method();
            if (method == HttpMethod.GET) {
                return ok(scale(object));
            }
            if (method != HttpMethod.PUT && method != HttpMethod.PATCH) {
                return Status.error(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
            }
            int replicas;
            String body = request.getUtf8Body();
            JsonNode patch = JSON.readTree(body == null || body.isBlank() ? "{}" : body);
            if (method == HttpMethod.PUT) {
                String expectedVersion = patch.path("metadata").path("resourceVersion").asText("");
                String actualVersion = object.path("metadata").path("resourceVersion").asText("");
                if (!expectedVersion.isEmpty() && !expectedVersion.equals(actualVersion)) {
                    return Status.error(409, "Conflict", "Operation cannot be fulfilled on " + m.group(2) + ".apps \""
                            + m.group(3) + "\": the object has been modified; please apply your changes to the latest version and try again");
                }
                replicas = patch.path("spec").path("replicas").asInt(-1);
            } else if (patch.isArray()) {
                replicas = -1;
                for (JsonNode op : patch) {
                    if ("/spec/replicas".equals(op.path("path").asText())) {
                        replicas = op.path("value").asInt(-1);
                    }
                }
            } else {
                replicas = patch.path("spec").path("replicas").asInt(-1);
            }
            if (replicas < 0) {
                return Status.error(422, "Invalid", "Scale.autoscaling \"" + m.group(3)
                        + "\" is invalid: spec.replicas: Invalid value: must be greater than or equal to 0");
            }
            MockResponse updated = store.send(HttpMethod.PATCH, objectPath, "application/merge-patch+json",
                    "{\"spec\":{\"replicas\":" + replicas + "}}");
            if (updated.code() >= 300) {
                return updated;
            }
            return ok(scale((ObjectNode) JSON.readTree(updated.getBody().readUtf8())));
        } catch (java.io.IOException e) {
            return Status.error(400, "BadRequest", "cannot parse request body: " + e.getMessage());
        }
    }

    private static ObjectNode scale(ObjectNode object) {
        ObjectNode scale = JSON.createObjectNode();
        scale.put("kind", "Scale");
        scale.put("apiVersion", "autoscaling/v1");
        ObjectNode meta = scale.putObject("metadata");
        JsonNode source = object.path("metadata");
        for (String field : new String[] {"name", "namespace", "uid", "resourceVersion", "creationTimestamp"}) {
            if (source.has(field)) {
                meta.set(field, source.get(field));
            }
        }
        int specReplicas = object.path("spec").path("replicas").asInt(1);
        scale.putObject("spec").put("replicas", specReplicas);
        ObjectNode status = scale.putObject("status");
        status.put("replicas", object.path("status").path("replicas").asInt(0));
        Map<String, String> labels = new TreeMap<>();
        object.path("spec").path("selector").path("matchLabels").fields()
                .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        status.put("selector", labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(",")));
        return scale;
    }

    private static MockResponse ok(ObjectNode body) {
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                .setBody(body.toString());
    }
}
