package dev.scalebus.metricsapi.api;

import dev.scalebus.events.Quantity;
import dev.scalebus.metricsapi.window.ContainerUsage;
import dev.scalebus.metricsapi.window.NodePoint;
import dev.scalebus.metricsapi.window.PodPoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * meta.k8s.io Table output, mirroring metrics-server's pkg/api/table.go: columns {@code Name}, the sorted resource
 * names ({@code cpu}, {@code memory}), {@code Window}; a pod's row sums its containers. Rows carry the object as
 * PartialObjectMetadata (the apiserver's default {@code includeObject=Metadata}). No rows means no columns, as there.
 */
public final class TableJson {

    private TableJson() {
    }

    public static Map<String, Object> nodes(List<NodePoint> nodes, List<Map<String, Object>> objects,
            String version) {
        List<List<Object>> cells = new ArrayList<>();
        for (NodePoint n : nodes) {
            cells.add(List.of(n.name(), Quantity.ofNanoCores(n.cpuNanoCores()).toString(),
                    Quantity.ofBytes(n.memoryWorkingSetBytes()).toString(), GoDuration.ofMillis(n.windowMillis())));
        }
        return table(cells, objects, version);
    }

    public static Map<String, Object> pods(List<PodPoint> pods, List<Map<String, Object>> objects, String version) {
        List<List<Object>> cells = new ArrayList<>();
        for (PodPoint p : pods) {
            long cpu = 0;
            long memory = 0;
            for (ContainerUsage c : p.containers()) {
                cpu += c.cpuNanoCores();
                memory += c.memoryWorkingSetBytes();
            }
            cells.add(List.of(p.key().name(), Quantity.ofNanoCores(cpu).toString(),
                    Quantity.ofBytes(memory).toString(), GoDuration.ofMillis(p.windowMillis())));
        }
        return table(cells, objects, version);
    }

    private static Map<String, Object> table(List<List<Object>> cells, List<Map<String, Object>> objects,
            String version) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("kind", "Table");
        t.put("apiVersion", "meta.k8s.io/" + version);
        t.put("metadata", Map.of("resourceVersion", ""));
        List<Map<String, Object>> columns = new ArrayList<>();
        if (!cells.isEmpty()) {
            columns.add(column("Name", "name", "Name of the resource"));
            columns.add(column("cpu", "quantity", ""));
            columns.add(column("memory", "quantity", ""));
            columns.add(column("Window", "duration", ""));
        }
        t.put("columnDefinitions", columns);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("cells", cells.get(i));
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("kind", "PartialObjectMetadata");
            object.put("apiVersion", "meta.k8s.io/" + version);
            object.put("metadata", objects.get(i).get("metadata"));
            row.put("object", object);
            rows.add(row);
        }
        t.put("rows", rows);
        return t;
    }

    private static Map<String, Object> column(String name, String format, String description) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("type", "string");
        c.put("format", format);
        c.put("description", description);
        c.put("priority", 0);
        return c;
    }
}
