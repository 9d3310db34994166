package dev.scalebus.metricsapi.auth;

import java.util.Arrays;
import java.util.Locale;

/**
 * What a request asks to do, as the apiserver's {@code RequestInfo}: a resource request (verb, API group and version,
 * resource, subresource, namespace, name) or a non-resource request (a path such as {@code /apis}).
 * {@code /apis/custom.metrics.k8s.io/v1beta2/namespaces/ns/pods/*\/http_requests} is get on {@code pods}, name
 * {@code *}, subresource {@code http_requests}; {@code .../namespaces/ns/metrics/m} is get on {@code metrics} named
 * {@code m}; {@code /apis/external.metrics.k8s.io/v1beta1/namespaces/ns/m} is list on resource {@code m}.
 */
public record RequestAttributes(boolean resourceRequest, String verb, String apiGroup, String apiVersion,
        String resource, String subresource, String namespace, String name, String path) {

    /** Classifies a path as k8s.io/apiserver's {@code RequestInfoFactory.NewRequestInfo} does for /apis/... */
    public static RequestAttributes of(String method, String path) {
        String verb = "GET".equals(method) || "HEAD".equals(method) ? "get" : method.toLowerCase(Locale.ROOT);
        String[] all = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
        if (all.length < 4 || !all[0].equals("apis")) {
            return new RequestAttributes(false, verb, "", "", "", "", "", "", path);
        }
        String[] parts = Arrays.copyOfRange(all, 3, all.length);
        String namespace = "";
        if (parts[0].equals("namespaces") && parts.length > 1) {
            namespace = parts[1];
            if (parts.length > 2 && !parts[2].equals("status") && !parts[2].equals("finalize")) {
                parts = Arrays.copyOfRange(parts, 2, parts.length);
            }
        }
        String resource = parts[0];
        String name = parts.length >= 2 ? parts[1] : "";
        String subresource = parts.length >= 3 ? parts[2] : "";
        if (name.isEmpty() && verb.equals("get")) {
            verb = "list";
        }
        return new RequestAttributes(true, verb, all[1], all[2], resource, subresource, namespace, name, path);
    }

    /** The resource as the forbidden message names it: {@code pods/http_requests} with a subresource. */
    public String resourceWithSubresource() {
        return subresource.isEmpty() ? resource : resource + "/" + subresource;
    }
}
