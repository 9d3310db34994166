package dev.scalebus.events.rules;

/**
 * A Kubernetes resource by group and singular lower-case name ({@code pod}, {@code deployment} in {@code apps}),
 * the key under which adapter rules map series labels to objects.
 *
 * @param group    the API group, "" for the core group
 * @param resource the singular resource name, lower case
 */
public record GroupResource(String group, String resource) {

    public static final GroupResource PODS = new GroupResource("", "pod");
    public static final GroupResource NAMESPACES = new GroupResource("", "namespace");

    public GroupResource {
        group = group == null ? "" : group.strip().toLowerCase(java.util.Locale.ROOT);
        resource = singular(resource.strip().toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * Parses what the custom metrics API path carries: {@code pods}, {@code services}, {@code deployments.apps}
     * (resource, then the group after the first dot, as apimachinery's GroupResource.String() prints it).
     */
    public static GroupResource parse(String text) {
        int dot = text.indexOf('.');
        return dot < 0 ? new GroupResource("", text) : new GroupResource(text.substring(dot + 1),
                text.substring(0, dot));
    }

    /** The plural, as the API paths and discovery name it: {@code pods}, {@code ingresses}, {@code deployments.apps}. */
    public String pluralPath() {
        String plural = resource.endsWith("s") || resource.endsWith("x") ? resource + "es"
                : resource.endsWith("y") && !resource.endsWith("ey") ? resource.substring(0, resource.length() - 1)
                        + "ies" : resource + "s";
        return group.isEmpty() ? plural : plural + "." + group;
    }

    // the RESTMapper's job, for the resource names rules and paths use (pods/pod, ingresses/ingress, policies/policy)
    static String singular(String name) {
        if (name.endsWith("sses") || name.endsWith("xes")) {
            return name.substring(0, name.length() - 2);
        }
        if (name.endsWith("ies")) {
            return name.substring(0, name.length() - 3) + "y";
        }
        if (name.endsWith("s") && !name.endsWith("ss")) {
            return name.substring(0, name.length() - 1);
        }
        return name;
    }

    @Override
    public String toString() {
        return group.isEmpty() ? resource : resource + "." + group;
    }
}
