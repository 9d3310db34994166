package dev.scalebus.metricsapi.api;

import dev.scalebus.events.Quantity;
import dev.scalebus.metricsapi.window.ContainerUsage;
import dev.scalebus.metricsapi.window.NodePoint;
import dev.scalebus.metricsapi.window.PodPoint;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Kubernetes protobuf encoding of metrics.k8s.io/v1beta1 objects, which kubectl asks for first: the magic
 * {@code k8s\0}, then a runtime.Unknown {typeMeta{apiVersion, kind}, raw} whose raw bytes are the object. Field
 * numbers are those of the {@code protobuf:"..."} tags in kubernetes/metrics pkg/apis/metrics/v1beta1/types.go
 * (metadata 1, timestamp 2, window 3, usage|containers 4; list metadata 1, items 2; container name 1, usage 2) and
 * of apimachinery's meta/v1 generated.proto (ObjectMeta name 1, namespace 3, creationTimestamp 8, labels 11;
 * Time seconds 1, nanos 2; Duration duration 1; Quantity string 1).
 */
public final class MetricsProtobuf {

    public static final String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";
    private static final byte[] MAGIC = {0x6b, 0x38, 0x73, 0x00};

    private MetricsProtobuf() {
    }

    public static byte[] node(NodePoint p, Map<String, String> labels, Instant now) {
        return envelope("NodeMetrics", nodeMessage(p, labels, now));
    }

    public static byte[] nodes(List<NodePoint> nodes, List<Map<String, String>> labels, Instant now) {
        ProtoWriter list = new ProtoWriter().message(1, new ProtoWriter());
        for (int i = 0; i < nodes.size(); i++) {
            list.message(2, nodeMessage(nodes.get(i), labels.get(i), now));
        }
        return envelope("NodeMetricsList", list);
    }

    public static byte[] pod(PodPoint p, Instant now) {
        return envelope("PodMetrics", podMessage(p, now));
    }

    public static byte[] pods(List<PodPoint> pods, Instant now) {
        ProtoWriter list = new ProtoWriter().message(1, new ProtoWriter());
        for (PodPoint p : pods) {
            list.message(2, podMessage(p, now));
        }
        return envelope("PodMetricsList", list);
    }

    private static ProtoWriter nodeMessage(NodePoint p, Map<String, String> labels, Instant now) {
        return new ProtoWriter().message(1, objectMeta(p.name(), null, labels, now))
                .message(2, time(Instant.ofEpochMilli(p.timestampMillis())))
                .message(3, new ProtoWriter().varint(1, p.windowMillis() * 1_000_000L))
                .bytes(4, usageEntry("cpu", Quantity.ofNanoCores(p.cpuNanoCores())))
                .bytes(4, usageEntry("memory", Quantity.ofBytes(p.memoryWorkingSetBytes())));
    }

    private static ProtoWriter podMessage(PodPoint p, Instant now) {
        ProtoWriter pod = new ProtoWriter().message(1, objectMeta(p.key().name(), p.key().namespace(), p.labels(), now))
                .message(2, time(Instant.ofEpochMilli(p.timestampMillis())))
                .message(3, new ProtoWriter().varint(1, p.windowMillis() * 1_000_000L));
        for (ContainerUsage c : p.containers()) {
            pod.message(4, new ProtoWriter().string(1, c.name())
                    .bytes(2, usageEntry("cpu", Quantity.ofNanoCores(c.cpuNanoCores())))
                    .bytes(2, usageEntry("memory", Quantity.ofBytes(c.memoryWorkingSetBytes()))));
        }
        return pod;
    }

    private static ProtoWriter objectMeta(String name, String namespace, Map<String, String> labels, Instant now) {
        ProtoWriter meta = new ProtoWriter().string(1, name);
        if (namespace != null) {
            meta.string(3, namespace);
        }
        meta.message(8, time(now));
        for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
            meta.message(11, new ProtoWriter().string(1, e.getKey()).string(2, e.getValue()));
        }
        return meta;
    }

    /** meta/v1 Time at second precision, as it is marshalled. */
    private static ProtoWriter time(Instant t) {
        return new ProtoWriter().varint(1, t.getEpochSecond());
    }

    private static byte[] usageEntry(String resource, Quantity q) {
        return new ProtoWriter().string(1, resource).message(2, new ProtoWriter().string(1, q.toString()))
                .toByteArray();
    }

    private static byte[] envelope(String kind, ProtoWriter object) {
        ProtoWriter unknown = new ProtoWriter()
                .message(1, new ProtoWriter().string(1, MetricsJson.API_VERSION).string(2, kind))
                .bytes(2, object.toByteArray());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(MAGIC);
        out.writeBytes(unknown.toByteArray());
        return out.toByteArray();
    }
}
