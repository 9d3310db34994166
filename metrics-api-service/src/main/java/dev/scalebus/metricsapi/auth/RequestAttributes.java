package dev.scalebus.metricsapi.auth;

/**
 * What a request asks to do, as the apiserver's {@code RequestInfo}: a resource request (verb get or list on
 * nodes/pods in metrics.k8s.io, with namespace and name) or a non-resource request (a path such as {@code /apis}).
 */
public record RequestAttributes(boolean resourceRequest, String verb, String resource, String namespace, String name,
        String path) {

    private static final String PREFIX = "/apis/metrics.k8s.io/v1beta1/";

    /** Classifies a GET path as metrics-server's request info resolver would. */
    public static RequestAttributes of(String method, String path) {
        String verb = "GET".equals(method) || "HEAD".equals(method) ? "get" : method.toLowerCase(java.util.Locale.ROOT);
        if (path.startsWith(PREFIX)) {
            String[] parts = path.substring(PREFIX.length()).split("/");
            if (parts.length >= 3 && parts[0].equals("namespaces") && parts[2].equals("pods")) {
                return parts.length == 3 ? new RequestAttributes(true, listOr(verb), "pods", parts[1], "", path)
                        : new RequestAttributes(true, verb, "pods", parts[1], parts[3], path);
            }
            if (parts.length >= 1 && (parts[0].equals("nodes") || parts[0].equals("pods"))) {
                return parts.length == 1 ? new RequestAttributes(true, listOr(verb), parts[0], "", "", path)
                        : new RequestAttributes(true, verb, parts[0], "", parts[1], path);
            }
        }
        return new RequestAttributes(false, verb, "", "", "", path);
    }

    private static String listOr(String verb) {
        return verb.equals("get") ? "list" : verb;
    }
}
