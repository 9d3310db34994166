package dev.scalebus.history.auth;

/**
 * What a request reads, as the resource attributes of a SubjectAccessReview in API group {@value #GROUP}.
 *
 * @param verb      get (one object) or list
 * @param resource  decisions or samples
 * @param namespace the query's namespace; null for a query of all namespaces (needs the cluster-wide grant)
 * @param name      the object's name for get, else null
 */
public record Access(String verb, String resource, String namespace, String name) {

    public static final String GROUP = "scalebus.dev";

    /** The scope as Kubernetes' forbidden message words it. */
    public String scope() {
        return namespace == null ? "at the cluster scope" : "in the namespace \"" + namespace + "\"";
    }
}
