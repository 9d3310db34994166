package dev.scalebus.metricsapi.api;

import static dev.scalebus.metricsapi.api.CustomMetricsJson.EXTERNAL_GROUP;

import dev.scalebus.metricsapi.MetricsApiConfig;
import dev.scalebus.metricsapi.custom.MetricsCatalog;
import dev.scalebus.metricsapi.lag.ConsumerGroupLag;
import dev.scalebus.metricsapi.lag.LagGroupAccess;
import dev.scalebus.metricsapi.lag.LagUnavailableException;
import dev.scalebus.metricsapi.selector.LabelSelector;
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
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * external.metrics.k8s.io/v1beta1: the adapter's externalRules over the series window (prometheus-adapter's external
 * provider), plus the built-in {@value #KAFKA_LAG}: consumer-group lag per topic read from the cluster's Kafka, as
 * KEDA's Kafka scaler and kafka-exporter name it, asked with {@code labelSelector=consumergroup=g[,topic=t]}.
 */
@Path("/apis/external.metrics.k8s.io")
public class ExternalMetricsResource {

    public static final String KAFKA_LAG = "kafka_consumergroup_lag";
    private static final String VERSION = "v1beta1";
    private static final Logger LOG = Logger.getLogger(ExternalMetricsResource.class);

    private final MetricsCatalog catalog;
    private final ConsumerGroupLag lag;
    private final boolean lagEnabled;
    /** null when authentication is off (local run only): every group, as every request is allowed then. */
    private final LagGroupAccess lagAccess;
    private final Clock clock;

    public ExternalMetricsResource(MetricsCatalog catalog, ConsumerGroupLag lag, MetricsApiConfig config,
            Clock clock) {
        this.catalog = catalog;
        this.lag = lag;
        this.lagEnabled = config.kafkaLag().enabled();
        this.lagAccess = config.authentication().enabled()
                ? new LagGroupAccess(config.kafkaLag().namespaceGroups()) : null;
        this.clock = clock;
    }

    @GET
    public Response group() {
        return MetricsResource.json(CustomMetricsJson.group(EXTERNAL_GROUP, List.of(VERSION), true));
    }

    @GET
    @Path(VERSION)
    public Response discovery() {
        List<Map<String, Object>> resources = new ArrayList<>();
        List<String> names = new ArrayList<>(catalog.externalMetrics());
        if (lagEnabled && !names.contains(KAFKA_LAG)) {
            names.add(KAFKA_LAG);
            names.sort(null);
        }
        names.forEach(n -> resources.add(CustomMetricsJson.resource(n, true, "ExternalMetricValueList")));
        return MetricsResource.json(CustomMetricsJson.resourceList(EXTERNAL_GROUP + "/" + VERSION, resources));
    }

    @GET
    @Path(VERSION + "/namespaces/{namespace}/{metric}")
    public Response metric(@PathParam("namespace") String namespace, @PathParam("metric") String metric,
            @QueryParam("labelSelector") String labelSelector) {
        LabelSelector selector = LabelSelector.parse(labelSelector);
        Instant now = clock.instant();
        List<Map<String, Object>> items = new ArrayList<>();
        if (lagEnabled && metric.equals(KAFKA_LAG)) {
            String group = selector.equalityValue("consumergroup").orElseThrow(() -> KubeStatus.badRequest(
                    KAFKA_LAG + " needs labelSelector consumergroup=<group> (and optionally topic=<topic>)"));
            if (lagAccess != null && !lagAccess.allows(namespace, group)) {
                LOG.infof("403 for %s of group %s in namespace %s [correlation %s]: not in namespace-groups",
                        KAFKA_LAG, group, namespace, UUID.randomUUID().toString().substring(0, 8));
                throw KubeStatus.forbiddenLag(KAFKA_LAG, namespace, group);
            }
            String topic = selector.equalityValue("topic").orElse(null);
            Map<String, Long> perTopic;
            try {
                perTopic = lag.lag(group, topic);
            } catch (LagUnavailableException e) {
                LOG.infof("503 for %s of group %s: %s", KAFKA_LAG, group, e.getMessage());
                throw KubeStatus.serviceUnavailable(e.getMessage());
            }
            perTopic.forEach((t, value) -> items.add(CustomMetricsJson.external(metric,
                    Map.of("consumergroup", group, "topic", t), now, null, value)));
        } else {
            MetricsCatalog.Result result = catalog.external(namespace, metric, selector::matches)
                    .orElseThrow(() -> KubeStatus.metricNotFound("namespaces", metric));
            result.values().forEach(v -> items.add(CustomMetricsJson.external(metric, v.labels(), now,
                    result.windowSeconds(), v.value())));
        }
        return MetricsResource.json(CustomMetricsJson.list("ExternalMetricValueList", EXTERNAL_GROUP + "/" + VERSION,
                items));
    }
}
