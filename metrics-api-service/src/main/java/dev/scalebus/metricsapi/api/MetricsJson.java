package dev.scalebus.metricsapi.api;

import dev.scalebus.events.Quantity;
import dev.scalebus.metricsapi.window.ContainerUsage;
import dev.scalebus.metricsapi.window.NodePoint;
import dev.scalebus.metricsapi.window.PodPoint;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of kubernetes/metrics {@code pkg/apis/metrics/v1beta1/types.go}, fields in the order the Go
 * encoder writes them: {@code kind, apiVersion, metadata{name, namespace, creationTimestamp, labels}, timestamp,
 * window, usage|containers}. Empty fields are left out as Go's {@code omitempty} does.
 */
public final class MetricsJson {

    public static final String API_VERSION = "metrics.k8s.io/v1beta1";

    private MetricsJson() {
    }

    /** RFC 3339 at second precision, as metav1.Time marshals. */
    public static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    public static Map<String, Object> node(NodePoint p, Map<String, String> labels, Instant now, boolean withType) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (withType) {
            m.put("kind", "NodeMetrics");
            m.put("apiVersion", API_VERSION);
        }
        m.put("metadata", metadata(p.name(), null, labels, now));
        m.put("timestamp", time(Instant.ofEpochMilli(p.timestampMillis())));
        m.put("window", GoDuration.ofMillis(p.windowMillis()));
        m.put("usage", usage(p.cpuNanoCores(), p.memoryWorkingSetBytes()));
        return m;
    }

    public static Map<String, Object> pod(PodPoint p, Instant now, boolean withType) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (withType) {
            m.put("kind", "PodMetrics");
            m.put("apiVersion", API_VERSION);
        }
        m.put("metadata", metadata(p.key().name(), p.key().namespace(), p.labels(), now));
        m.put("timestamp", time(Instant.ofEpochMilli(p.timestampMillis())));
        m.put("window", GoDuration.ofMillis(p.windowMillis()));
        List<Map<String, Object>> containers = new ArrayList<>();
        for (ContainerUsage c : p.containers()) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("name", c.name());
            cm.put("usage", usage(c.cpuNanoCores(), c.memoryWorkingSetBytes()));
            containers.add(cm);
        }
        m.put("containers", containers);
        return m;
    }

    public static Map<String, Object> list(String kind, List<Map<String, Object>> items) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put("apiVersion", API_VERSION);
        m.put("metadata", Map.of());
        m.put("items", items);
        return m;
    }

    static Map<String, Object> metadata(String name, String namespace, Map<String, String> labels, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        if (namespace != null) {
            m.put("namespace", namespace);
        }
        m.put("creationTimestamp", time(now));
        if (labels != null && !labels.isEmpty()) {
            m.put("labels", labels);
        }
        return m;
    }

    /** ResourceList: cpu via Quantity with scale -9 (…n), memory BinarySI (…Ki), as metrics-server builds them. */
    static Map<String, Object> usage(long cpuNanoCores, long memoryWorkingSetBytes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu", Quantity.ofNanoCores(cpuNanoCores).toString());
        m.put("memory", Quantity.ofBytes(memoryWorkingSetBytes).toString());
        return m;
    }
}
