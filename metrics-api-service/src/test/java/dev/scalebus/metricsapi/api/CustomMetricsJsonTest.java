package dev.scalebus.metricsapi.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebus.events.rules.GroupResource;
import dev.scalebus.metricsapi.selector.LabelSelector;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CustomMetricsJsonTest {

    @Test
    void valuesPrintAsPrometheusAdaptersMilliQuantities() {
        assertThat(CustomMetricsJson.quantity(1.5)).isEqualTo("1500m");
        assertThat(CustomMetricsJson.quantity(2)).isEqualTo("2");
        assertThat(CustomMetricsJson.quantity(0)).isEqualTo("0");
        assertThat(CustomMetricsJson.quantity(0.0016)).isEqualTo("1m"); // int64(value*1000) truncates
        assertThat(CustomMetricsJson.quantity(1234)).isEqualTo("1234");
        assertThat(CustomMetricsJson.quantity(Double.NaN)).isEqualTo("0");
    }

    @Test
    void describedObjectsNameGroupSlashVersionAsReferenceFor() {
        assertThat(CustomMetricsJson.describedObject(GroupResource.PODS, "ns", "web-1")).containsExactly(
                Map.entry("kind", "Pod"), Map.entry("namespace", "ns"), Map.entry("name", "web-1"),
                Map.entry("apiVersion", "/v1"));
        assertThat(CustomMetricsJson.describedObject(GroupResource.parse("deployments.apps"), "ns", "d"))
                .containsEntry("kind", "Deployment").containsEntry("apiVersion", "apps/v1");
        assertThat(CustomMetricsJson.describedObject(GroupResource.NAMESPACES, null, "ns")).doesNotContainKey(
                "namespace").containsEntry("kind", "Namespace");
    }

    @Test
    void v1beta1AndV1beta2ItemShapes() {
        Instant now = Instant.parse("2026-01-01T00:00:00.700Z");
        Map<String, Object> selector = LabelSelector.parse("code=500,env in (a,b)").toJson();
        Map<String, Object> v2 = CustomMetricsJson.value("v1beta2", Map.of(), "m", selector, now, 120L, 1.5);
        assertThat(v2.keySet()).containsExactly("describedObject", "metric", "timestamp", "windowSeconds", "value");
        assertThat(v2.get("metric")).isEqualTo(Map.of("name", "m", "selector", selector));
        assertThat(v2.get("timestamp")).isEqualTo("2026-01-01T00:00:00Z");
        Map<String, Object> v1 = CustomMetricsJson.value("v1beta1", Map.of(), "m", null, now, null, 1.5);
        assertThat(v1.keySet()).containsExactly("describedObject", "metricName", "timestamp", "value");
        assertThat(selector).isEqualTo(Map.of("matchLabels", Map.of("code", "500"), "matchExpressions",
                List.of(Map.of("key", "env", "operator", "In", "values", List.of("a", "b")))));
    }
}
