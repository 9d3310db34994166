package dev.scalebus.simulator.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.MockResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Legacy (non-aggregated) API discovery: /api, /api/v1, /apis and /apis/GROUP/VERSION for the built-in
 * resources the simulator serves, plus the groups of CustomResourceDefinitions and APIServices in the store
 * (kubectl and client libraries look a group up here before they call it), and the OpenAPI v3 index and documents
 * that tell kubectl the server validates fields ({@link OpenApiV3}).
 */
final class Discovery {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** group/version -> resources: plural, kind, namespaced, verbs; "x/scale" and "x/status" are subresources. */
    private static final Map<String, List<String[]>> BUILT_IN = new LinkedHashMap<>();

    static {
        String all = "create,delete,deletecollection,get,list,patch,update,watch";
        BUILT_IN.put("v1", List.<String[]>of(
                new String[] {"namespaces", "Namespace", "false", all, "ns"},
                new String[] {"nodes", "Node", "false", all, "no"},
                new String[] {"pods", "Pod", "true", all, "po"},
                new String[] {"pods/status", "Pod", "true", "get,patch,update", ""},
                new String[] {"services", "Service", "true", all, "svc"},
                new String[] {"endpoints", "Endpoints", "true", all, "ep"},
                new String[] {"configmaps", "ConfigMap", "true", all, "cm"},
                new String[] {"secrets", "Secret", "true", all, ""},
                new String[] {"serviceaccounts", "ServiceAccount", "true", all, "sa"},
                new String[] {"events", "Event", "true", all, "ev"}));
        BUILT_IN.put("apps/v1", List.<String[]>of(
                new String[] {"deployments", "Deployment", "true", all, "deploy"},
                new String[] {"deployments/scale", "Scale", "true", "get,patch,update", ""},
                new String[] {"deployments/status", "Deployment", "true", "get,patch,update", ""},
                new String[] {"replicasets", "ReplicaSet", "true", all, "rs"},
                new String[] {"replicasets/scale", "Scale", "true", "get,patch,update", ""},
                new String[] {"statefulsets", "StatefulSet", "true", all, "sts"},
                new String[] {"statefulsets/scale", "Scale", "true", "get,patch,update", ""},
                new String[] {"daemonsets", "DaemonSet", "true", all, "ds"}));
        BUILT_IN.put("autoscaling/v2", List.<String[]>of(
                new String[] {"horizontalpodautoscalers", "HorizontalPodAutoscaler", "true", all, "hpa"},
                new String[] {"horizontalpodautoscalers/status", "HorizontalPodAutoscaler", "true", "get,patch,update", ""}));
        BUILT_IN.put("autoscaling/v1", List.<String[]>of(
                new String[] {"horizontalpodautoscalers", "HorizontalPodAutoscaler", "true", all, "hpa"}));
        BUILT_IN.put("coordination.k8s.io/v1", List.<String[]>of(
                new String[] {"leases", "Lease", "true", all, ""}));
        BUILT_IN.put("apiextensions.k8s.io/v1", List.<String[]>of(
                new String[] {"customresourcedefinitions", "CustomResourceDefinition", "false", all, "crd,crds"}));
        BUILT_IN.put("apiregistration.k8s.io/v1", List.<String[]>of(
                new String[] {"apiservices", "APIService", "false", all, ""}));
    }

    private final KubeStore store;

    Discovery(KubeStore store) {
        this.store = store;
    }

    /** The discovery document for {@code path}, or null when the path is not a built-in discovery path. */
    MockResponse handle(String path) {
        if (path.equals("/api")) {
            return ok("{\"kind\":\"APIVersions\",\"versions\":[\"v1\"],\"serverAddressByClientCIDRs\":"
                    + "[{\"clientCIDR\":\"0.0.0.0/0\",\"serverAddress\":\"127.0.0.1:443\"}]}");
        }
        if (path.equals("/apis")) {
            return ok(groupList().toString());
        }
        if (path.equals("/openapi/v3")) {
            List<String> gvs = new java.util.ArrayList<>(List.of("v1"));
            groupList().path("groups").forEach(g -> g.path("versions").forEach(v -> {
                String gv = v.path("groupVersion").asText();
                if (BUILT_IN.containsKey(gv) || customResourceList(gv) != null) {
                    gvs.add(gv); // not aggregated groups: their servers publish their own OpenAPI
                }
            }));
            return ok(OpenApiV3.index(gvs).toString());
        }
        boolean openApi = path.startsWith("/openapi/v3/");
        String api = openApi ? path.substring("/openapi/v3".length()) : path;
        String gv = api.startsWith("/api/") ? api.substring(5) : api.startsWith("/apis/") ? api.substring(6) : null;
        ObjectNode resources = gv == null ? null : resourceListOf(gv);
        if (resources == null) {
            return null;
        }
        return ok((openApi ? OpenApiV3.document(gv, resources) : resources).toString());
    }

    /** The APIResourceList of a built-in or CRD-served group/version; null for any other path. */
    private ObjectNode resourceListOf(String gv) {
        if (BUILT_IN.containsKey(gv)) {
            return resourceList(gv);
        }
        return gv.indexOf('/') > 0 && gv.indexOf('/') == gv.lastIndexOf('/') ? customResourceList(gv) : null;
    }

    /**
     * The APIResourceList of a group/version served by stored CustomResourceDefinitions, as the apiextensions
     * server publishes it (resource, status and scale subresources), so kubectl get/apply work on custom resources.
     * Null when no CRD serves that group/version.
     */
    private ObjectNode customResourceList(String gv) {
        String group = gv.substring(0, gv.indexOf('/'));
        String version = gv.substring(gv.indexOf('/') + 1);
        ObjectNode list = JSON.createObjectNode().put("kind", "APIResourceList").put("apiVersion", "v1")
                .put("groupVersion", gv);
        ArrayNode resources = list.putArray("resources");
        for (JsonNode crd : items("/apis/apiextensions.k8s.io/v1/customresourcedefinitions")) {
            JsonNode spec = crd.path("spec");
            if (!group.equals(spec.path("group").asText())) {
                continue;
            }
            for (JsonNode v : spec.path("versions")) {
                if (!version.equals(v.path("name").asText()) || !v.path("served").asBoolean(true)) {
                    continue;
                }
                JsonNode names = spec.path("names");
                boolean namespaced = !"Cluster".equals(spec.path("scope").asText());
                String plural = names.path("plural").asText();
                ObjectNode r = resources.addObject().put("name", plural)
                        .put("singularName", names.path("singular").asText(""))
                        .put("namespaced", namespaced).put("kind", names.path("kind").asText());
                r.putArray("verbs").add("delete").add("deletecollection").add("get").add("list").add("patch")
                        .add("create").add("update").add("watch");
                if (names.path("shortNames").isArray() && !names.path("shortNames").isEmpty()) {
                    r.set("shortNames", names.path("shortNames"));
                }
                if (v.path("subresources").has("status")) {
                    resources.addObject().put("name", plural + "/status").put("singularName", "")
                            .put("namespaced", namespaced).put("kind", names.path("kind").asText())
                            .putArray("verbs").add("get").add("patch").add("update");
                }
                if (v.path("subresources").has("scale")) {
                    resources.addObject().put("name", plural + "/scale").put("singularName", "")
                            .put("namespaced", namespaced).put("group", "autoscaling").put("version", "v1")
                            .put("kind", "Scale").putArray("verbs").add("get").add("patch").add("update");
                }
            }
        }
        return resources.isEmpty() ? null : list;
    }

    /**
     * The CRUD mock answers every collection GET with {@code "kind":"List"}; a real API server says {@code NodeList},
     * {@code PodList}, ... and typed clients (kubectl top node reads its NodeList for allocatable) decode by that
     * kind. Rewrites the kind of a built-in collection response; anything else is returned as it is.
     */
    MockResponse typedList(String path, MockResponse response) {
        String[] parts = path.split("/");
        // /api/v1/RES, /api/v1/namespaces/NS/RES, /apis/G/V/RES, /apis/G/V/namespaces/NS/RES
        int gvEnd = path.startsWith("/api/") ? 3 : path.startsWith("/apis/") ? 4 : -1;
        if (gvEnd < 0 || !(parts.length == gvEnd + 1 || parts.length == gvEnd + 3 && parts[gvEnd].equals("namespaces"))) {
            return response;
        }
        String gv = String.join("/", java.util.Arrays.copyOfRange(parts, 2, gvEnd));
        String plural = parts[parts.length - 1];
        String kind = BUILT_IN.getOrDefault(gv, List.of()).stream().filter(r -> r[0].equals(plural))
                .map(r -> r[1]).findFirst().orElse(null);
        if (kind == null) {
            return response;
        }
        String body = response.getBody().readUtf8();
        String typed = body.replaceFirst("\\A(\\{\\s*\"apiVersion\"\\s*:\\s*\"[^\"]*\"\\s*,\\s*\"kind\"\\s*:\\s*)\"List\"",
                "$1\"" + kind + "List\"");
        return response.setBody(typed);
    }

    private ObjectNode groupList() {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        BUILT_IN.keySet().stream().filter(k -> k.contains("/"))
                .forEach(k -> groups.computeIfAbsent(k.split("/")[0], g -> new java.util.ArrayList<>()).add(k.split("/")[1]));
        for (JsonNode crd : items("/apis/apiextensions.k8s.io/v1/customresourcedefinitions")) {
            String group = crd.path("spec").path("group").asText();
            for (JsonNode v : crd.path("spec").path("versions")) {
                addVersion(groups, group, v.path("name").asText());
            }
        }
        for (JsonNode api : items("/apis/apiregistration.k8s.io/v1/apiservices")) {
            addVersion(groups, api.path("spec").path("group").asText(), api.path("spec").path("version").asText());
        }
        ObjectNode list = JSON.createObjectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
        ArrayNode array = list.putArray("groups");
        groups.forEach((group, versions) -> {
            ObjectNode g = array.addObject().put("name", group);
            ArrayNode vs = g.putArray("versions");
            versions.forEach(v -> vs.addObject().put("groupVersion", group + "/" + v).put("version", v));
            g.putObject("preferredVersion").put("groupVersion", group + "/" + versions.get(0)).put("version", versions.get(0));
        });
        return list;
    }

    private static void addVersion(Map<String, List<String>> groups, String group, String version) {
        if (group.isEmpty() || version.isEmpty()) {
            return;
        }
        List<String> versions = groups.computeIfAbsent(group, g -> new java.util.ArrayList<>());
        if (!versions.contains(version)) {
            versions.add(version);
        }
    }

    private Iterable<JsonNode> items(String path) {
        try {
            MockResponse r = store.send(HttpMethod.GET, path, null, null);
            return r.code() == 200 ? JSON.readTree(r.getBody().readUtf8()).path("items") : List.of();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    private static ObjectNode resourceList(String gv) {
        ObjectNode list = JSON.createObjectNode().put("kind", "APIResourceList").put("apiVersion", "v1")
                .put("groupVersion", gv);
        ArrayNode resources = list.putArray("resources");
        for (String[] r : BUILT_IN.get(gv)) {
            ObjectNode o = resources.addObject().put("name", r[0]).put("singularName", "")
                    .put("namespaced", Boolean.parseBoolean(r[2])).put("kind", r[1]);
            if (r[1].equals("Scale")) {
                o.put("group", "autoscaling").put("version", "v1");
            }
            ArrayNode verbs = o.putArray("verbs");
            for (String v : r[3].split(",")) {
                verbs.add(v);
            }
            if (!r[4].isEmpty()) {
                ArrayNode shortNames = o.putArray("shortNames");
                for (String s : r[4].split(",")) {
                    shortNames.add(s);
                }
            }
        }
        return list;
    }

    private static MockResponse ok(String body) {
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json").setBody(body);
    }
}
