package dev.scalebus.metricsapi.api;

import static dev.scalebus.metricsapi.api.CustomMetricsJson.CUSTOM_GROUP;
import static dev.scalebus.metricsapi.api.CustomMetricsJson.CUSTOM_VERSIONS;

import dev.scalebus.events.rules.GroupResource;
import dev.scalebus.metricsapi.custom.MetricsCatalog;
import dev.scalebus.metricsapi.selector.LabelSelector;
import dev.scalebus.metricsapi.window.MetricsWindow;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * custom.metrics.k8s.io v1beta2 and v1beta1 as custom-metrics-apiserver routes them to prometheus-adapter's provider:
 * {@code GetMetricBySelector} for {@code .../{resource}/*\/{metric}} and {@code GetMetricByName} for one object, the
 * namespace itself ({@code /namespaces/{ns}/metrics/{metric}}) and root-scoped objects. A single object is answered
 * as a MetricValueList of one item, as the upstream REST storage does.
 *
 * <p>Pods matching a labelSelector come from the node-scrapes window (every NodeScrape carries its pods' labels), so
 * no apiserver list is needed; without a labelSelector every object the series name is served. A labelSelector on
 * any other resource would need the apiserver and is answered 400.
 */
@Path("/apis/custom.metrics.k8s.io")
public class CustomMetricsResource {

    private final MetricsCatalog catalog;
    private final MetricsWindow pods;
    private final Clock clock;

    public CustomMetricsResource(MetricsCatalog catalog, MetricsWindow pods, Clock clock) {
        this.catalog = catalog;
        this.pods = pods;
        this.clock = clock;
    }

    @GET
    public Response group() {
        return MetricsResource.json(CustomMetricsJson.group(CUSTOM_GROUP, CUSTOM_VERSIONS, true));
    }

    @GET
    @Path("{version}")
    public Response discovery(@PathParam("version") String version) {
        checkVersion(version);
        return MetricsResource.json(CustomMetricsJson.resourceList(CUSTOM_GROUP + "/" + version,
                catalog.customMetrics().stream().map(CustomMetricsJson::customEntry).toList()));
    }

    @GET
    @Path("{version}/namespaces/{namespace}/metrics/{metric}")
    public Response namespaceObject(@PathParam("version") String version, @PathParam("namespace") String namespace,
            @PathParam("metric") String metric, @QueryParam("metricLabelSelector") String metricLabelSelector) {
        return serve(version, GroupResource.NAMESPACES, null, namespace, metric, null, metricLabelSelector);
    }

    @GET
    @Path("{version}/namespaces/{namespace}/{resource}/{name}/{metric}")
    public Response namespaced(@PathParam("version") String version, @PathParam("namespace") String namespace,
            @PathParam("resource") String resource, @PathParam("name") String name,
            @PathParam("metric") String metric, @QueryParam("labelSelector") String labelSelector,
            @QueryParam("metricLabelSelector") String metricLabelSelector) {
        return serve(version, GroupResource.parse(resource), namespace, name, metric, labelSelector,
                metricLabelSelector);
    }

    @GET
    @Path("{version}/{resource}/{name}/{metric}")
    public Response rootScoped(@PathParam("version") String version, @PathParam("resource") String resource,
            @PathParam("name") String name, @PathParam("metric") String metric,
            @QueryParam("labelSelector") String labelSelector,
            @QueryParam("metricLabelSelector") String metricLabelSelector) {
        return serve(version, GroupResource.parse(resource), null, name, metric, labelSelector, metricLabelSelector);
    }

    private Response serve(String version, GroupResource resource, String namespace, String name, String metric,
            String labelSelector, String metricLabelSelector) {
        checkVersion(version);
        LabelSelector metricSelector = LabelSelector.parse(metricLabelSelector);
        boolean wildcard = name.equals("*");
        Set<String> names = wildcard ? objectNames(resource, namespace, LabelSelector.parse(labelSelector))
                : Set.of(name);
        MetricsCatalog.Result result = catalog.custom(resource, namespace, names, metric, metricSelector::matches)
                .orElseThrow(() -> KubeStatus.metricNotFound(resource.pluralPath(), metric));
        Map<String, Double> values = new TreeMap<>(result.byName());
        if (!wildcard && !values.containsKey(name)) {
            throw KubeStatus.metricNotFoundFor(resource.pluralPath(), metric, name);
        }
        Instant now = clock.instant();
        Map<String, Object> selector = metricSelector.isEverything() ? null : metricSelector.toJson();
        List<Map<String, Object>> items = new ArrayList<>();
        values.forEach((object, value) -> items.add(CustomMetricsJson.value(version,
                CustomMetricsJson.describedObject(resource, namespace, object), metric, selector, now,
                result.windowSeconds(), value)));
        return MetricsResource.json(CustomMetricsJson.list("MetricValueList", CUSTOM_GROUP + "/" + version, items));
    }

    /** The objects a wildcard request is about: null (any) without a selector; pods by their labels. */
    private Set<String> objectNames(GroupResource resource, String namespace, LabelSelector selector) {
        if (selector.isEverything()) {
            return null;
        }
        if (!resource.equals(GroupResource.PODS) || namespace == null) {
            throw KubeStatus.badRequest("labelSelector is only supported for namespaced pods: objects of "
                    + resource.pluralPath() + " are not listed by this server");
        }
        return pods.podLabels(namespace).entrySet().stream().filter(e -> selector.matches(e.getValue()))
                .map(e -> e.getKey().name()).collect(Collectors.toSet());
    }

    private static void checkVersion(String version) {
        if (!CUSTOM_VERSIONS.contains(version)) {
            throw KubeStatus.pathNotFound();
        }
    }
}
