package dev.scalebus.metricsapi.api;

import dev.scalebus.events.Quantity;
import dev.scalebus.events.rules.GroupResource;
import dev.scalebus.metricsapi.custom.MetricsCatalog;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The k8s.io/metrics custom_metrics (v1beta1, v1beta2) and external_metrics (v1beta1) JSON shapes, field order as
 * their Go structs marshal, values as prometheus-adapter prints them.
 */
public final class CustomMetricsJson {

    public static final String CUSTOM_GROUP = "custom.metrics.k8s.io";
    public static final String EXTERNAL_GROUP = "external.metrics.k8s.io";
    public static final List<String> CUSTOM_VERSIONS = List.of("v1beta2", "v1beta1");

    /** The kinds and versions of the resources rules commonly name; others get Kind = capitalized, version v1. */
    private static final Map<String, String[]> KINDS = Map.ofEntries(
            Map.entry("pod", new String[] {"Pod", "v1"}), Map.entry("namespace", new String[] {"Namespace", "v1"}),
            Map.entry("service", new String[] {"Service", "v1"}), Map.entry("node", new String[] {"Node", "v1"}),
            Map.entry("persistentvolumeclaim", new String[] {"PersistentVolumeClaim", "v1"}),
            Map.entry("deployment.apps", new String[] {"Deployment", "v1"}),
            Map.entry("statefulset.apps", new String[] {"StatefulSet", "v1"}),
            Map.entry("replicaset.apps", new String[] {"ReplicaSet", "v1"}),
            Map.entry("daemonset.apps", new String[] {"DaemonSet", "v1"}),
            Map.entry("job.batch", new String[] {"Job", "v1"}), Map.entry("cronjob.batch", new String[] {"CronJob", "v1"}),
            Map.entry("ingress.networking.k8s.io", new String[] {"Ingress", "v1"}),
            Map.entry("ingress.extensions", new String[] {"Ingress", "v1beta1"}));

    private CustomMetricsJson() {
    }

    /**
     * prometheus-adapter's value: {@code resource.NewMilliQuantity(int64(value*1000), DecimalSI)} — truncated to
     * milli-units, canonical form ({@code 1500m}, {@code 2}, {@code 0}).
     */
    public static String quantity(double value) {
        if (Double.isNaN(value)) {
            return "0";
        }
        return Quantity.of(BigDecimal.valueOf((long) (value * 1000.0), 3), Quantity.Format.DECIMAL_SI).toString();
    }

    /** custom-metrics-apiserver {@code helpers.ReferenceFor}: apiVersion is group + "/" + version ("/v1" for core). */
    public static Map<String, Object> describedObject(GroupResource resource, String namespace, String name) {
        String[] kind = KINDS.getOrDefault(resource.toString(), new String[] {
                Character.toUpperCase(resource.resource().charAt(0)) + resource.resource().substring(1), "v1"});
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind[0]);
        if (namespace != null && !namespace.isEmpty()) {
            m.put("namespace", namespace);
        }
        m.put("name", name);
        m.put("apiVersion", resource.group() + "/" + kind[1]);
        return m;
    }

    /** One MetricValue; {@code selector} is the metricLabelSelector as a LabelSelector, null when empty. */
    public static Map<String, Object> value(String version, Map<String, Object> describedObject, String metric,
            Map<String, Object> selector, Instant now, Long windowSeconds, double value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("describedObject", describedObject);
        if (version.equals("v1beta1")) {
            m.put("metricName", metric);
        } else {
            Map<String, Object> id = new LinkedHashMap<>();
            id.put("name", metric);
            if (selector != null) {
                id.put("selector", selector);
            }
            m.put("metric", id);
        }
        m.put("timestamp", MetricsJson.time(now));
        if (windowSeconds != null) {
            m.put("windowSeconds", windowSeconds);
        }
        m.put("value", quantity(value));
        if (version.equals("v1beta1") && selector != null) {
            m.put("selector", selector);
        }
        return m;
    }

    public static Map<String, Object> list(String kind, String groupVersion, List<Map<String, Object>> items) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put("apiVersion", groupVersion);
        m.put("metadata", Map.of());
        m.put("items", items);
        return m;
    }

    /** One ExternalMetricValue. */
    public static Map<String, Object> external(String metric, Map<String, String> labels, Instant now,
            Long windowSeconds, double value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("metricName", metric);
        m.put("metricLabels", new java.util.TreeMap<>(labels));
        m.put("timestamp", MetricsJson.time(now));
        if (windowSeconds != null) {
            m.put("windowSeconds", windowSeconds);
        }
        m.put("value", quantity(value));
        return m;
    }

    /** The APIResourceList of one group version. */
    public static Map<String, Object> resourceList(String groupVersion, List<Map<String, Object>> resources) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "APIResourceList");
        m.put("apiVersion", "v1");
        m.put("groupVersion", groupVersion);
        m.put("resources", resources);
        return m;
    }

    /** A discovery entry: {@code pods/http_requests} (custom) or {@code queue_messages_cnt} (external). */
    public static Map<String, Object> resource(String name, boolean namespaced, String kind) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("singularName", "");
        m.put("namespaced", namespaced);
        m.put("kind", kind);
        m.put("verbs", List.of("get"));
        return m;
    }

    public static Map<String, Object> customEntry(MetricsCatalog.CustomMetric m) {
        return resource(m.resource().pluralPath() + "/" + m.metric(), m.namespaced(), "MetricValueList");
    }

    /** An APIGroup (with kind when served at its own path, without inside an APIGroupList). */
    public static Map<String, Object> group(String name, List<String> versions, boolean withType) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (withType) {
            m.put("kind", "APIGroup");
            m.put("apiVersion", "v1");
        }
        m.put("name", name);
        List<Map<String, Object>> vs = versions.stream().map(v -> {
            Map<String, Object> gv = new LinkedHashMap<>();
            gv.put("groupVersion", name + "/" + v);
            gv.put("version", v);
            return gv;
        }).toList();
        m.put("versions", vs);
        m.put("preferredVersion", vs.get(0));
        return m;
    }
}
