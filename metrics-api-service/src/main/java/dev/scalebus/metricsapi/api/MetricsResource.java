package dev.scalebus.metricsapi.api;

import dev.scalebus.metricsapi.selector.FieldSelector;
import dev.scalebus.metricsapi.selector.LabelSelector;
import dev.scalebus.metricsapi.window.MetricsWindow;
import dev.scalebus.metricsapi.window.NodePoint;
import dev.scalebus.metricsapi.window.PodKey;
import dev.scalebus.metricsapi.window.PodPoint;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * metrics.k8s.io/v1beta1 as metrics-server serves it (pkg/api/node.go, pod.go): get and list of NodeMetrics and
 * PodMetrics, labelSelector and fieldSelector on lists, lists sorted by name (namespace, name), 404 Status for an
 * object without metrics, protobuf, JSON or Table by {@link Negotiation}.
 */
@Path("/apis/metrics.k8s.io/v1beta1")
public class MetricsResource {

    private final MetricsWindow window;
    private final Clock clock;
    private final NodeLabels nodeLabels;

    public MetricsResource(MetricsWindow window, Clock clock, NodeLabels nodeLabels) {
        this.window = window;
        this.clock = clock;
        this.nodeLabels = nodeLabels;
    }

    @GET
    public Response discovery() {
        return DiscoveryResource.resources();
    }

    @GET
    @Path("/nodes")
    public Response listNodes(@QueryParam("labelSelector") String labelSelector,
            @QueryParam("fieldSelector") String fieldSelector, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        Negotiation form = Negotiation.of(accept);
        LabelSelector labels = LabelSelector.parse(labelSelector);
        FieldSelector fields = FieldSelector.parse(fieldSelector);
        List<NodePoint> nodes = new ArrayList<>();
        List<Map<String, String>> nodeLabelSets = new ArrayList<>();
        for (NodePoint n : window.nodes()) {
            Map<String, String> set = nodeLabels.labels(n.name());
            if (labels.matches(set) && fields.matches(Map.of(FieldSelector.NAME, n.name()))) {
                nodes.add(n);
                nodeLabelSets.add(set);
            }
        }
        return nodes(form, nodes, nodeLabelSets, true);
    }

    @GET
    @Path("/nodes/{name}")
    public Response getNode(@PathParam("name") String name, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        Negotiation form = Negotiation.of(accept);
        NodePoint node = window.node(name).orElseThrow(() -> KubeStatus.notFound("nodemetrics", name));
        return nodes(form, List.of(node), List.of(nodeLabels.labels(name)), false);
    }

    @GET
    @Path("/pods")
    public Response listAllPods(@QueryParam("labelSelector") String labelSelector,
            @QueryParam("fieldSelector") String fieldSelector, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        return listPods(null, labelSelector, fieldSelector, accept);
    }

    @GET
    @Path("/namespaces/{namespace}/pods")
    public Response listPods(@PathParam("namespace") String namespace,
            @QueryParam("labelSelector") String labelSelector, @QueryParam("fieldSelector") String fieldSelector,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        Negotiation form = Negotiation.of(accept);
        LabelSelector labels = LabelSelector.parse(labelSelector);
        FieldSelector fields = FieldSelector.parse(fieldSelector);
        List<PodPoint> pods = new ArrayList<>();
        for (PodPoint p : window.pods(namespace)) {
            if (labels.matches(p.labels()) && fields.matches(Map.of(FieldSelector.NAME, p.key().name(),
                    FieldSelector.NAMESPACE, p.key().namespace()))) {
                pods.add(p);
            }
        }
        return pods(form, pods, true);
    }

    @GET
    @Path("/namespaces/{namespace}/pods/{name}")
    public Response getPod(@PathParam("namespace") String namespace, @PathParam("name") String name,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        Negotiation form = Negotiation.of(accept);
        PodPoint pod = window.pod(new PodKey(namespace, name))
                .orElseThrow(() -> KubeStatus.notFound("podmetrics", namespace + "/" + name));
        return pods(form, List.of(pod), false);
    }

    private Response nodes(Negotiation form, List<NodePoint> nodes, List<Map<String, String>> labels, boolean list) {
        Instant now = clock.instant();
        if (form.form() == Negotiation.Form.PROTOBUF) {
            return protobuf(list ? MetricsProtobuf.nodes(nodes, labels, now)
                    : MetricsProtobuf.node(nodes.get(0), labels.get(0), now));
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            items.add(MetricsJson.node(nodes.get(i), labels.get(i), now, !list));
        }
        if (form.form() == Negotiation.Form.TABLE) {
            return json(TableJson.nodes(nodes, items, form.tableVersion()));
        }
        return json(list ? MetricsJson.list("NodeMetricsList", items) : items.get(0));
    }

    private Response pods(Negotiation form, List<PodPoint> pods, boolean list) {
        Instant now = clock.instant();
        if (form.form() == Negotiation.Form.PROTOBUF) {
            return protobuf(list ? MetricsProtobuf.pods(pods, now) : MetricsProtobuf.pod(pods.get(0), now));
        }
        List<Map<String, Object>> items = pods.stream().map(p -> MetricsJson.pod(p, now, !list)).toList();
        if (form.form() == Negotiation.Form.TABLE) {
            return json(TableJson.pods(pods, items, form.tableVersion()));
        }
        return json(list ? MetricsJson.list("PodMetricsList", items) : items.get(0));
    }

    static Response json(Object body) {
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static Response protobuf(byte[] body) {
        return Response.ok(body, MetricsProtobuf.MEDIA_TYPE).build();
    }
}
