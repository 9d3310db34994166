package dev.scalebus.metricsapi.custom;

import static dev.scalebus.metricsapi.custom.SeriesWindowTest.T0;
import static dev.scalebus.metricsapi.custom.SeriesWindowTest.counter;
import static dev.scalebus.metricsapi.custom.SeriesWindowTest.scrape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.scalebus.events.CustomMetricSamples.SeriesSample;
import dev.scalebus.events.rules.AdapterRules;
import dev.scalebus.events.rules.GroupResource;
import dev.scalebus.metricsapi.selector.LabelSelector;
import dev.scalebus.metricsapi.window.MutableClock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The seed-002 rules and a few more forms evaluated over a window, as prometheus-adapter would answer. */
class MetricsCatalogTest {

    private final MutableClock clock = new MutableClock(T0);
    private final SeriesWindow window = new SeriesWindow(clock, Duration.ofMinutes(6), Duration.ofMinutes(10));

    /** Two minutes of 15 s scrapes of pod {@code pod}: a counter rising {@code perSecond} per code label. */
    private void requests(String ns, String pod, double perSecond, String... codes) {
        for (int i = 0; i <= 8; i++) {
            SeriesSample[] series = new SeriesSample[codes.length];
            for (int c = 0; c < codes.length; c++) {
                series[c] = counter("http_requests_total", 100 + perSecond * 15 * i, "code", codes[c]);
            }
            window.accept(scrape(ns, pod, T0.plusSeconds(15L * i), series));
        }
    }

    private MetricsCatalog seed002() {
        clock.advance(Duration.ofMinutes(2));
        return new MetricsCatalog(AdapterRules.defaults(), window, clock);
    }

    @Test
    void theSeed002RuleServesHttpRequestsPerPodAsTheSumOfItsSeriesRates() {
        requests("default", "web-1", 2, "200", "500"); // two series of 2/s each
        requests("default", "web-2", 0.5, "200");
        requests("other", "web-9", 7, "200");
        MetricsCatalog catalog = seed002();

        MetricsCatalog.Result r = catalog.custom(GroupResource.PODS, "default", null, "http_requests",
                LabelSelector.everything()::matches).orElseThrow();
        assertThat(r.byName()).containsOnlyKeys("web-1", "web-2");
        assertThat(r.byName().get("web-1")).isCloseTo(4.0, within(1e-9));
        assertThat(r.byName().get("web-2")).isCloseTo(0.5, within(1e-9));
        assertThat(r.windowSeconds()).isEqualTo(120);
        // sum by (kubernetes_pod_name): the output labels are the group-by label only
        assertThat(r.values()).extracting(QueryEngine.Value::labels)
                .contains(Map.of("kubernetes_pod_name", "web-1"));
    }

    @Test
    void requestedNamesAndTheMetricLabelSelectorNarrowTheSeries() {
        requests("default", "web-1", 2, "200", "500");
        requests("default", "web-2", 1, "200");
        MetricsCatalog catalog = seed002();

        MetricsCatalog.Result one = catalog.custom(GroupResource.PODS, "default", Set.of("web-2"), "http_requests",
                l -> true).orElseThrow();
        assertThat(one.byName()).containsOnlyKeys("web-2");
        MetricsCatalog.Result only500 = catalog.custom(GroupResource.PODS, "default", null, "http_requests",
                LabelSelector.parse("code=500")::matches).orElseThrow();
        assertThat(only500.byName()).containsOnlyKeys("web-1");
        assertThat(only500.byName().get("web-1")).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void theNamespaceObjectSumsEveryPodOfItsNamespace() {
        requests("default", "web-1", 2, "200");
        requests("default", "web-2", 1, "200");
        requests("other", "web-9", 7, "200");
        MetricsCatalog catalog = seed002();

        MetricsCatalog.Result r = catalog.custom(GroupResource.NAMESPACES, null, Set.of("default"), "http_requests",
                l -> true).orElseThrow();
        assertThat(r.byName()).containsOnlyKeys("default");
        assertThat(r.byName().get("default")).isCloseTo(3.0, within(1e-9));
    }

    @Test
    void discoveryListsTheResourcesWhoseLabelsLiveSeriesCarry() {
        requests("default", "web-1", 2, "200");
        MetricsCatalog catalog = seed002();
        assertThat(catalog.customMetrics()).containsExactly(
                new MetricsCatalog.CustomMetric(GroupResource.NAMESPACES, "http_requests", false),
                new MetricsCatalog.CustomMetric(GroupResource.PODS, "http_requests", true));
        assertThat(catalog.custom(GroupResource.PODS, "default", null, "nope", l -> true)).isEmpty();
        assertThat(catalog.custom(GroupResource.parse("services"), "default", null, "http_requests", l -> true))
                .isEmpty();
    }

    @Test
    void anUnknownMetricIsAbsentWhenNoSeriesExists() {
        MetricsCatalog catalog = seed002();
        assertThat(catalog.customMetrics()).isEmpty();
        assertThat(catalog.custom(GroupResource.PODS, "default", null, "http_requests", l -> true)).isEmpty();
    }

    @Test
    void externalRulesIgnoreTheNamespaceWhenNotNamespacedAndFilterByTheLabelSelector() {
        for (String[] q : new String[][] {{"a", "orders", "10"}, {"b", "orders", "30"}, {"c", "billing", "99"}}) {
            window.accept(scrape("ns-" + q[0], "queue-" + q[0], T0.plusSeconds(60),
                    new SeriesSample("queue_messages_cnt", "gauge", Map.of("queue", q[1]), Double.parseDouble(q[2]),
                            null)));
        }
        MetricsCatalog catalog = seed002();
        assertThat(catalog.externalMetrics()).containsExactly("queue_messages_cnt");

        MetricsCatalog.Result r = catalog.external("anything", "queue_messages_cnt",
                LabelSelector.parse("queue=orders")::matches).orElseThrow();
        assertThat(r.values()).containsExactly(new QueryEngine.Value(Map.of(), 20.0)); // avg(...) without by
        assertThat(r.windowSeconds()).isNull();
        assertThat(catalog.external("anything", "nope", l -> true)).isEmpty();
    }

    @Test
    void rulesWithIrateMaxAndLiteralGroupLabelsAndExtraMatchers() {
        requests("default", "web-1", 2, "200", "500");
        requests("default", "web-2", 1, "200", "500");
        clock.advance(Duration.ofMinutes(2));
        AdapterRules rules = AdapterRules.parse("""
                rules:
                  - seriesQuery: 'http_requests_total{kubernetes_namespace!="",kubernetes_pod_name!=""}'
                    resources:
                      overrides:
                        kubernetes_namespace: {resource: "namespace"}
                        kubernetes_pod_name: {resource: "pod"}
                    name: {matches: "^http_requests_total$", as: "errors_per_second"}
                    metricsQuery: 'max(irate(<<.Series>>{<<.LabelMatchers>>,code=~"5.."}[1m])) by (<<.GroupBy>>)'
                externalRules:
                  - seriesQuery: 'http_requests_total'
                    resources: {namespaced: false}
                    name: {as: "requests_by_code"}
                    metricsQuery: 'sum(rate(<<.Series>>{<<.LabelMatchers>>}[2m])) by (code)'
                """);
        MetricsCatalog catalog = new MetricsCatalog(rules, window, clock);
        MetricsCatalog.Result errors = catalog.custom(GroupResource.PODS, "default", null, "errors_per_second",
                l -> true).orElseThrow();
        assertThat(errors.byName()).containsEntry("web-1", 2.0).containsEntry("web-2", 1.0);
        assertThat(errors.windowSeconds()).isEqualTo(60);

        MetricsCatalog.Result byCode = catalog.external(null, "requests_by_code", l -> true).orElseThrow();
        assertThat(byCode.values()).hasSize(2);
        assertThat(byCode.values()).allSatisfy(v -> assertThat(v.value()).isCloseTo(3.0, within(1e-9)));
        assertThat(byCode.values()).extracting(v -> v.labels().get("code")).containsExactlyInAnyOrder("200", "500");
    }
}
