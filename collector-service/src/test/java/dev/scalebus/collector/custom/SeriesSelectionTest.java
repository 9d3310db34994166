package dev.scalebus.collector.custom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebus.collector.scrape.PrometheusTextParser;
import dev.scalebus.events.CustomMetricSamples.SeriesSample;
import dev.scalebus.events.rules.AdapterRules;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Only series some adapter rule selects survive, judged with the target labels added. */
class SeriesSelectionTest {

    private static final String EXPOSITION = """
            # TYPE http_requests_total counter
            http_requests_total{method="GET",code="200"} 1027
            http_requests_total{method="GET",code="500"} NaN
            # TYPE http_request_duration_seconds histogram
            http_request_duration_seconds_bucket{le="+Inf"} 5
            http_request_duration_seconds_sum 2.5
            http_request_duration_seconds_count 5
            # TYPE process_resident_memory_bytes gauge
            process_resident_memory_bytes 1.2e7
            queue_messages_cnt{queue="orders"} 42 1700000000000
            """;

    @Test
    void theDefaultRulesKeepTheRequestCounterAndTheExternalQueueGauge() throws Exception {
        SeriesSelection selection = SeriesSelection.select("shop", "web-1",
                PrometheusTextParser.parse(EXPOSITION), AdapterRules.defaults());

        assertThat(selection.series()).containsExactly(
                new SeriesSample("http_requests_total", "counter", Map.of("method", "GET", "code", "200"), 1027, null),
                new SeriesSample("queue_messages_cnt", null, Map.of("queue", "orders"), 42, 1700000000000L));
        assertThat(selection.nonFinite()).as("the NaN request series is selected but not publishable").isEqualTo(1);
        assertThat(selection.exposed()).isEqualTo(7);
    }

    @Test
    void matchersSeeTheTargetLabelsAndTheExposedOnes() throws Exception {
        AdapterRules rules = AdapterRules.parse("""
                rules:
                  - seriesQuery: '{__name__=~"^http_request_duration_seconds_(sum|count)$",namespace="shop"}'
                    resources: {overrides: {namespace: {resource: namespace}, pod: {resource: pod}}}
                    metricsQuery: 'sum(rate(<<.Series>>{<<.LabelMatchers>>}[1m])) by (<<.GroupBy>>)'
                  - seriesQuery: 'process_resident_memory_bytes{pod="web-2"}'
                    resources: {overrides: {namespace: {resource: namespace}, pod: {resource: pod}}}
                    metricsQuery: 'max(<<.Series>>{<<.LabelMatchers>>}) by (<<.GroupBy>>)'
                """);

        SeriesSelection web1 = SeriesSelection.select("shop", "web-1", PrometheusTextParser.parse(EXPOSITION), rules);
        SeriesSelection web2 = SeriesSelection.select("shop", "web-2", PrometheusTextParser.parse(EXPOSITION), rules);
        SeriesSelection other = SeriesSelection.select("other", "web-1", PrometheusTextParser.parse(EXPOSITION),
                rules);

        assertThat(web1.series()).extracting(SeriesSample::name, SeriesSample::type).containsExactly(
                org.assertj.core.groups.Tuple.tuple("http_request_duration_seconds_sum", "histogram"),
                org.assertj.core.groups.Tuple.tuple("http_request_duration_seconds_count", "histogram"));
        assertThat(web1.series().get(0).labels()).as("target labels are not copied into the event").isEmpty();
        assertThat(web2.series()).extracting(SeriesSample::name).containsExactly("http_request_duration_seconds_sum",
                "http_request_duration_seconds_count", "process_resident_memory_bytes");
        assertThat(other.series()).isEmpty();
    }
}
