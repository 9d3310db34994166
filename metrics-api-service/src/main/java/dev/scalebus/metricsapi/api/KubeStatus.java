package dev.scalebus.metricsapi.api;

import dev.scalebus.metricsapi.auth.RequestAttributes;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Kubernetes {@code Status} bodies (meta/v1), worded as apimachinery's {@code errors.New*} and the apiserver's
 * authn/authz filters word them, so kubectl and client-go print and classify them as they would metrics-server's.
 */
public final class KubeStatus {

    public static final String GROUP = "metrics.k8s.io";

    private KubeStatus() {
    }

    /** {@code errors.NewNotFound}: e.g. {@code podmetrics.metrics.k8s.io "ns/name" not found}. */
    public static StatusException notFound(String resource, String name) {
        Map<String, Object> details = details(name, resource);
        return new StatusException(404, "NotFound", resource + "." + GROUP + " \"" + name + "\" not found", details);
    }

    /** custom-metrics-apiserver's {@code NewMetricNotFoundError}: {@code the server could not find the metric m for pods}. */
    public static StatusException metricNotFound(String resource, String metric) {
        return new StatusException(404, "NotFound", "the server could not find the metric " + metric + " for "
                + resource, null);
    }

    /** {@code NewMetricNotFoundForError}: {@code the server could not find the metric m for pods web-1}. */
    public static StatusException metricNotFoundFor(String resource, String metric, String name) {
        return new StatusException(404, "NotFound", "the server could not find the metric " + metric + " for "
                + resource + " " + name, null);
    }

    /** {@code errors.NewServiceUnavailable}: an outside system this answer needs does not answer. */
    public static StatusException serviceUnavailable(String message) {
        return new StatusException(503, "ServiceUnavailable", message, null);
    }

    public static StatusException badRequest(String message) {
        return new StatusException(400, "BadRequest", message, null);
    }

    /**
     * The lag of a consumer group not listed for the namespace: 403, not 404, so that the answer is the same whether
     * or not the group exists (a 404 would tell other namespaces which groups there are).
     */
    public static StatusException forbiddenLag(String metric, String namespace, String group) {
        return new StatusException(403, "Forbidden", metric + ".external.metrics.k8s.io is forbidden: consumer group \""
                + group + "\" is not readable from the namespace \"" + namespace
                + "\" (scalebus.metrics-api.kafka-lag.namespace-groups)", details(group, metric, "external.metrics.k8s.io"));
    }

    public static StatusException unauthorized() {
        return new StatusException(401, "Unauthorized", "Unauthorized", null);
    }

    /**
     * The authorization filter's denial (k8s.io/apiserver {@code forbiddenMessage}), e.g. {@code pods.metrics.k8s.io
     * "x" is forbidden: User "system:anonymous" cannot get resource "pods" in API group "metrics.k8s.io" in the
     * namespace "yuchao"}; a subresource is named {@code pods/http_requests}.
     */
    public static StatusException forbidden(String user, RequestAttributes a, String reason) {
        String group = a.apiGroup();
        String name = a.name();
        String subject = a.resource() + "." + group + (name == null || name.isEmpty() ? "" : " \"" + name + "\"");
        String scope = a.namespace() == null || a.namespace().isEmpty() ? "at the cluster scope"
                : "in the namespace \"" + a.namespace() + "\"";
        String message = subject + " is forbidden: User \"" + user + "\" cannot " + a.verb() + " resource \""
                + a.resourceWithSubresource() + "\" in API group \"" + group + "\" " + scope
                + (reason == null || reason.isEmpty() ? "" : ": " + reason);
        return new StatusException(403, "Forbidden", message, details(name == null ? "" : name, a.resource(), group));
    }

    /** Denial of a non-resource path such as {@code /apis}. */
    public static StatusException forbiddenPath(String user, String verb, String path) {
        return new StatusException(403, "Forbidden",
                "forbidden: User \"" + user + "\" cannot " + verb + " path \"" + path + "\"", Map.of());
    }

    public static StatusException notAcceptable() {
        return new StatusException(406, "NotAcceptable",
                "only the following media types are accepted: application/json", null);
    }

    public static StatusException pathNotFound() {
        return new StatusException(404, "NotFound", "the server could not find the requested resource", Map.of());
    }

    public static StatusException internal(String message) {
        return new StatusException(500, "InternalError", "Internal error occurred: " + message, null);
    }

    private static Map<String, Object> details(String name, String kind) {
        return details(name, kind, GROUP);
    }

    private static Map<String, Object> details(String name, String kind, String group) {
        Map<String, Object> d = new LinkedHashMap<>();
        if (name != null && !name.isEmpty()) {
            d.put("name", name);
        }
        d.put("group", group);
        d.put("kind", kind);
        return d;
    }

    /** The Status object of an error, fields in apimachinery's order. */
    public static Map<String, Object> body(StatusException e) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.put("metadata", Map.of());
        status.put("status", "Failure");
        status.put("message", e.getMessage());
        status.put("reason", e.reason());
        if (e.details() != null) {
            status.put("details", e.details());
        }
        status.put("code", e.code());
        return status;
    }
}
