package dev.scalebus.autoscaler.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scalebus.autoscaler.hpa.HpaSpec;
import dev.scalebus.autoscaler.hpa.ScaleView;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The target's autoscaling/v1 Scale through the /scale subresource of whatever resource serves the target's kind
 * (Deployment, StatefulSet, ReplicaSet, a custom resource with {@code subresources.scale}, ...), as the HPA
 * controller does with client-go's scale client: the scaleTargetRef's group and kind are mapped to resources by
 * discovery ({@link ApiDiscovery}), each mapping's /scale is tried in turn (horizontal.go
 * scaleForResourceMappings), and the Scale read is written back with the new spec.replicas (its resourceVersion
 * makes a concurrent change a conflict, retried at the next evaluation).
 */
@ApplicationScoped
public class KubeTargetScaler implements TargetScaler {

    private final ApiHttp http;
    private final ApiDiscovery discovery;
    // the Scale last read per target, written back by write(); evaluations of one autoscaler are serialized
    private final Map<String, ReadScale> lastRead = new ConcurrentHashMap<>();

    private record ReadScale(String path, ObjectNode scale) {
    }

    public KubeTargetScaler(ApiHttp http, ApiDiscovery discovery) {
        this.http = http;
        this.discovery = discovery;
    }

    @Override
    public ScaleView read(String ns, HpaSpec.TargetRef t) {
        ReadScale read = fetch(ns, t);
        lastRead.put(key(ns, t), read);
        JsonNode s = read.scale();
        return new ScaleView(s.path("spec").path("replicas").asInt(0), s.path("status").path("replicas").asInt(0),
                s.path("status").path("selector").asText(""));
    }

    @Override
    public String write(String ns, HpaSpec.TargetRef t, int replicas) {
        try {
            ReadScale read = lastRead.remove(key(ns, t));
            if (read == null) {
                read = fetch(ns, t);
            }
            ObjectNode scale = read.scale().deepCopy();
            scale.withObject("/spec").put("replicas", replicas);
            ApiHttp.Response r = http.put(read.path(), scale.toString());
            return r.ok() ? null : r.error();
        } catch (ApiHttp.ApiException | IllegalStateException e) {
            return e.getMessage();
        }
    }

    /** @throws IllegalStateException with the reason (FailedGetScale's message) */
    private ReadScale fetch(String ns, HpaSpec.TargetRef t) {
        String group = group(t.apiVersion());
        List<ApiDiscovery.Mapping> mappings;
        try {
            mappings = discovery.mappings(group, t.kind());
        } catch (ApiHttp.ApiException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        String firstError = null;
        for (ApiDiscovery.Mapping m : mappings) {
            String path = m.prefix() + (m.namespaced() ? "/namespaces/" + ns : "") + "/" + m.resource() + "/"
                    + t.name() + "/scale";
            try {
                ApiHttp.Response r = http.get(path);
                if (r.ok() && r.body().isObject()) {
                    return new ReadScale(path, (ObjectNode) r.body());
                }
                firstError = firstError == null ? r.error() : firstError;
            } catch (ApiHttp.ApiException e) {
                firstError = firstError == null ? e.getMessage() : firstError;
            }
        }
        throw new IllegalStateException(firstError == null ? "unrecognized resource" : firstError);
    }

    /** schema.ParseGroupVersion's group: "" for "v1", "apps" for "apps/v1". */
    static String group(String apiVersion) {
        if (apiVersion == null || apiVersion.isEmpty() || !apiVersion.contains("/")) {
            return "";
        }
        String[] parts = apiVersion.split("/");
        if (parts.length != 2) {
            throw new IllegalStateException("unexpected GroupVersion string: " + apiVersion);
        }
        return parts[0];
    }

    private static String key(String ns, HpaSpec.TargetRef t) {
        return ns + "/" + t.apiVersion() + "/" + t.kind() + "/" + t.name();
    }
}
