package dev.scalebus.metricsapi.lag;

import java.util.List;
import java.util.Map;

/**
 * Which consumer groups' lag a query in a namespace may read ({@code scalebus.metrics-api.kafka-lag.namespace-groups}):
 * namespace -> group names, where a trailing {@code *} makes a prefix ({@code orders-*}; {@code *} alone is every
 * group) and the namespace key {@code *} applies to every namespace. Nothing listed = nothing readable: the
 * production default. Consumer groups are cluster-wide in Kafka, so RBAC on the external metric in a namespace alone
 * would let any namespace read any group (and learn its topics).
 */
public record LagGroupAccess(Map<String, List<String>> namespaceGroups) {

    public static final String ANY = "*";

    public LagGroupAccess {
        namespaceGroups = Map.copyOf(namespaceGroups);
    }

    public boolean allows(String namespace, String group) {
        return matches(namespaceGroups.getOrDefault(namespace, List.of()), group)
                || matches(namespaceGroups.getOrDefault(ANY, List.of()), group);
    }

    private static boolean matches(List<String> patterns, String group) {
        for (String pattern : patterns) {
            String p = pattern.strip();
            if (p.isEmpty()) {
                continue;
            }
            if (p.endsWith(ANY) ? group.startsWith(p.substring(0, p.length() - 1)) : group.equals(p)) {
                return true;
            }
        }
        return false;
    }
}
