package dev.scalebus.autoscaler.kube;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scalebus.autoscaler.hpa.HpaSpec;
import dev.scalebus.autoscaler.hpa.MetricReads;
import dev.scalebus.autoscaler.hpa.MetricSpec;
import dev.scalebus.events.Quantity;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The metrics APIs through the API server (kube-aggregator), with the paths of k8s.io/metrics' clients:
 * custom.metrics.k8s.io in the version discovery prefers among v1beta2 and v1beta1 (custom_metrics
 * NewForVersion/apiVersionsFromDiscovery), external.metrics.k8s.io/v1beta1.
 */
@ApplicationScoped
public class KubeCustomMetricsClient implements CustomMetricsClient {

    static final String CUSTOM_GROUP = "custom.metrics.k8s.io";
    static final String EXTERNAL_PREFIX = "/apis/external.metrics.k8s.io/v1beta1";
    private static final List<String> KNOWN_CUSTOM_VERSIONS = List.of("v1beta2", "v1beta1");

    private final ApiHttp http;
    private final ApiDiscovery discovery;

    public KubeCustomMetricsClient(ApiHttp http, ApiDiscovery discovery) {
        this.http = http;
        this.discovery = discovery;
    }

    @Override
    public MetricReads.PodsRead podsMetric(String ns, String metric, String podSelector,
            MetricSpec.LabelSelector metricSelector) {
        try {
            // GetForObjects(GroupKind{Kind: "Pod"}, selector, ...): resource "pods", name "*"
            String path = customPrefix() + "/namespaces/" + ns + "/pods/*/" + metric
                    + query("labelSelector", podSelector, "metricLabelSelector", selector(metricSelector));
            List<JsonNode> items = items(http.get(path));
            Map<String, Quantity> values = new HashMap<>();
            for (JsonNode item : items) {
                values.put(item.path("describedObject").path("name").asText(), value(item));
            }
            return new MetricReads.PodsRead(values, items.isEmpty() ? null : timestamp(items.get(0)), null);
        } catch (ApiHttp.ApiException | IllegalArgumentException | java.time.format.DateTimeParseException e) {
            return new MetricReads.PodsRead(null, null, e.getMessage());
        }
    }

    @Override
    public MetricReads.ValueRead objectMetric(String ns, String metric, HpaSpec.TargetRef described,
            MetricSpec.LabelSelector metricSelector) {
        try {
            if (described == null) {
                throw new ApiHttp.ApiException("the object metric has no describedObject");
            }
            String group = KubeTargetScaler.group(described.apiVersion());
            String object;
            if (group.isEmpty() && "Namespace".equals(described.kind())) {
                // root-scoped: the HPA's own namespace (a reference may not escape it), as upstream GetObjectMetric
                object = "/namespaces/" + ns + "/metrics/" + metric;
            } else {
                String resource;
                try {
                    resource = discovery.mappings(group, described.kind()).get(0).groupResource();
                } catch (ApiHttp.ApiException e) {
                    throw new ApiHttp.ApiException("unable to map kind " + described.kind()
                            + (group.isEmpty() ? "" : "." + group) + " to resource: " + e.getMessage());
                }
                object = "/namespaces/" + ns + "/" + resource + "/" + described.name() + "/" + metric;
            }
            List<JsonNode> items = items(http.get(customPrefix() + object
                    + query("metricLabelSelector", selector(metricSelector))));
            if (items.size() != 1) {
                throw new ApiHttp.ApiException("the custom metrics API server returned " + items.size()
                        + " results when we asked for exactly one");
            }
            return new MetricReads.ValueRead(value(items.get(0)), timestamp(items.get(0)), null);
        } catch (ApiHttp.ApiException | IllegalArgumentException | IllegalStateException
                | java.time.format.DateTimeParseException e) {
            return new MetricReads.ValueRead(null, null,
                    "unable to fetch metrics from custom metrics API: " + e.getMessage());
        }
    }

    @Override
    public MetricReads.SeriesRead externalMetric(String ns, String metric, MetricSpec.LabelSelector selector) {
        try {
            List<JsonNode> items = items(http.get(EXTERNAL_PREFIX + "/namespaces/" + ns + "/" + metric
                    + query("labelSelector", selector(selector))));
            List<Quantity> values = new ArrayList<>();
            items.forEach(i -> values.add(value(i)));
            return new MetricReads.SeriesRead(values, items.isEmpty() ? null : timestamp(items.get(0)), null);
        } catch (ApiHttp.ApiException | IllegalArgumentException | java.time.format.DateTimeParseException e) {
            return new MetricReads.SeriesRead(null, null,
                    "unable to fetch metrics from external metrics API: " + e.getMessage());
        }
    }

    /** /apis/custom.metrics.k8s.io/VERSION: the server's preferred version if known, else the first known. */
    private String customPrefix() {
        List<String> served = discovery.versions(CUSTOM_GROUP);
        if (served.isEmpty()) {
            throw new ApiHttp.ApiException("no custom metrics API (" + CUSTOM_GROUP + ") registered");
        }
        String version = served.stream().filter(KNOWN_CUSTOM_VERSIONS::contains).findFirst()
                .orElseThrow(() -> new ApiHttp.ApiException("no known available metric versions found"));
        return "/apis/" + CUSTOM_GROUP + "/" + version;
    }

    private static List<JsonNode> items(ApiHttp.Response r) {
        if (!r.ok()) {
            throw new ApiHttp.ApiException(r.error());
        }
        List<JsonNode> items = new ArrayList<>();
        r.body().path("items").forEach(items::add);
        return items;
    }

    private static Quantity value(JsonNode item) {
        return Quantity.parse(item.path("value").asText());
    }

    private static Instant timestamp(JsonNode item) {
        String t = item.path("timestamp").asText("");
        return t.isEmpty() ? null : Instant.parse(t);
    }

    private static String selector(MetricSpec.LabelSelector s) {
        return s == null ? "" : s.asSelectorString();
    }

    /** Query parameters (name, value, ...); empty values are left out, as client-go's VersionedParams does. */
    private static String query(String... nameValue) {
        StringBuilder q = new StringBuilder();
        for (int i = 0; i < nameValue.length; i += 2) {
            if (nameValue[i + 1] != null && !nameValue[i + 1].isEmpty()) {
                q.append(q.isEmpty() ? '?' : '&').append(nameValue[i]).append('=')
                        .append(URLEncoder.encode(nameValue[i + 1], StandardCharsets.UTF_8));
            }
        }
        return q.toString();
    }
}
