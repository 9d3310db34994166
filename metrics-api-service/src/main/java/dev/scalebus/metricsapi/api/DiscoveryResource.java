package dev.scalebus.metricsapi.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The discovery documents kubectl and the aggregator read: {@code /apis} (APIGroupList), {@code /apis/metrics.k8s.io}
 * (APIGroup), {@code /apis/metrics.k8s.io/v1beta1} (APIResourceList with get/list only, as metrics-server), and
 * {@code /api} (APIVersions with no legacy versions, so clients do not look for /api/v1 here), {@code /openapi/v2}.
 */
@Path("/")
public class DiscoveryResource {

    private static final Map<String, Object> VERSION = Map.of("groupVersion", MetricsJson.API_VERSION,
            "version", "v1beta1");

    @GET
    @Path("api")
    public Response api() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "APIVersions");
        m.put("versions", List.of());
        m.put("serverAddressByClientCIDRs", List.of());
        return MetricsResource.json(m);
    }

    /**
     * The OpenAPI v2 document the aggregator merges into the cluster's (metrics-server serves one too): the five
     * GET paths and the metrics.k8s.io/v1beta1 definitions with their x-kubernetes-group-version-kind.
     */
    @GET
    @Path("openapi/v2")
    public Response openApi() throws java.io.IOException {
        try (java.io.InputStream in = DiscoveryResource.class.getResourceAsStream("/openapi/v2.json")) {
            return Response.ok(in.readAllBytes(), jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE).build();
        }
    }

    @GET
    @Path("apis")
    public Response groups() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "APIGroupList");
        m.put("apiVersion", "v1");
        m.put("groups", List.of(group(false),
                CustomMetricsJson.group(CustomMetricsJson.CUSTOM_GROUP, CustomMetricsJson.CUSTOM_VERSIONS, false),
                CustomMetricsJson.group(CustomMetricsJson.EXTERNAL_GROUP, List.of("v1beta1"), false)));
        return MetricsResource.json(m);
    }

    @GET
    @Path("apis/metrics.k8s.io")
    public Response group() {
        return MetricsResource.json(group(true));
    }

    /** The APIResourceList at /apis/metrics.k8s.io/v1beta1 (served by MetricsResource, which owns that path). */
    static Response resources() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "APIResourceList");
        m.put("apiVersion", "v1");
        m.put("groupVersion", MetricsJson.API_VERSION);
        m.put("resources", List.of(resource("nodes", false, "NodeMetrics"), resource("pods", true, "PodMetrics")));
        return MetricsResource.json(m);
    }

    private static Map<String, Object> group(boolean withType) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (withType) {
            m.put("kind", "APIGroup");
            m.put("apiVersion", "v1");
        }
        m.put("name", KubeStatus.GROUP);
        m.put("versions", List.of(VERSION));
        m.put("preferredVersion", VERSION);
        return m;
    }

    private static Map<String, Object> resource(String name, boolean namespaced, String kind) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("singularName", "");
        m.put("namespaced", namespaced);
        m.put("kind", kind);
        m.put("verbs", List.of("get", "list"));
        return m;
    }
}
