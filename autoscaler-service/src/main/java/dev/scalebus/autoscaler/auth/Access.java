package dev.scalebus.autoscaler.auth;

import java.util.Locale;

/**
 * What a request asks to do, as a SubjectAccessReview's attributes: a resource request (verb, API group, resource,
 * namespace; {@code namespace} empty = cluster scope) or, for any path the service does not map, a non-resource
 * request (verb and path), which no shipped ClusterRole grants: an endpoint added without a mapping is refused.
 */
public record Access(String verb, String group, String resource, String namespace, String path) {

    /** The API group of scalebus' own permissions. */
    public static final String GROUP = "scalebus.dev";

    /** {@code POST /api/v1/simulate}: create {@code simulations.scalebus.dev}, cluster scope. */
    public static final Access SIMULATE = new Access("create", GROUP, "simulations", "", "");

    /** {@code POST /api/v1/backtest}: create {@code backtests.scalebus.dev}, cluster scope. */
    public static final Access BACKTEST = new Access("create", GROUP, "backtests", "", "");

    public Access {
        namespace = namespace == null ? "" : namespace;
        path = path == null ? "" : path;
    }

    public boolean resourceRequest() {
        return resource != null && !resource.isEmpty();
    }

    /** The access a request needs, by method and path. */
    public static Access of(String method, String path) {
        String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if ("POST".equals(method) && "/api/v1/simulate".equals(p)) {
            return SIMULATE;
        }
        if ("POST".equals(method) && "/api/v1/backtest".equals(p)) {
            return BACKTEST;
        }
        return new Access(method.toLowerCase(Locale.ROOT), "", "", "", p);
    }

    /** As the apiserver's forbidden message: {@code create on resource "simulations" in API group "scalebus.dev"}. */
    public String describe() {
        if (!resourceRequest()) {
            return verb + " on path \"" + path + "\"";
        }
        return verb + " on resource \"" + resource + "\" in API group \"" + group + "\""
                + (namespace.isEmpty() ? " at the cluster scope" : " in the namespace \"" + namespace + "\"");
    }
}
