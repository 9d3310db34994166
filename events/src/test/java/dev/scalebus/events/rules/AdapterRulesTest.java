package dev.scalebus.events.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalebus.events.CustomMetricSamples;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdapterRulesTest {

    // seed 002's rules, as prometheus-adapter's docs write them
    static final String SEED_002 = """
            rules:
            - seriesQuery: 'http_requests_total{}'
              resources:
                overrides:
                  kubernetes_namespace: {resource: "namespace"}
                  kubernetes_pod_name: {resource: "pods"}
              name:
                matches: "http_requests_total"
                as: "http_requests"
              metricsQuery: 'sum(rate(<<.Series>>{<<.LabelMatchers>>}[2m])) by (<<.GroupBy>>)'
            externalRules:
            - seriesQuery: 'queue_messages_cnt'
              resources:
                namespaced: false
              name:
                matches: 'queue_messages_cnt'
                as: 'queue_messages_cnt'
              metricsQuery: avg(<<.Series>>{<<.LabelMatchers>>})
            """;

    @Test
    void readsSeed002RulesUnchanged() {
        AdapterRules rules = AdapterRules.parse(SEED_002);

        DiscoveryRule http = rules.rules().get(0);
        assertThat(http.seriesQuery().metricName()).isEqualTo("http_requests_total");
        assertThat(http.name().metricName("http_requests_total")).isEqualTo("http_requests");
        assertThat(http.resources().labelFor(GroupResource.PODS)).isEqualTo("kubernetes_pod_name");
        assertThat(http.resources().labelFor(GroupResource.NAMESPACES)).isEqualTo("kubernetes_namespace");
        assertThat(http.resources().resourceFor("kubernetes_pod_name")).isEqualTo(GroupResource.PODS);
        MetricsQuery q = http.metricsQuery();
        assertThat(q.aggregation()).isEqualTo("sum");
        assertThat(q.function()).isEqualTo("rate");
        assertThat(q.window()).isEqualTo(Duration.ofMinutes(2));
        assertThat(q.groupByResource()).isTrue();
        assertThat(q.groupByLabels()).isEmpty();

        DiscoveryRule queue = rules.externalRules().get(0);
        assertThat(queue.resources().namespaced()).isFalse();
        assertThat(queue.metricsQuery().aggregation()).isEqualTo("avg");
        assertThat(queue.metricsQuery().function()).isNull();
        assertThat(queue.metricsQuery().groupByResource()).isFalse();
    }

    @Test
    void selectsSeriesByNameAndTargetLabels() {
        AdapterRules rules = AdapterRules.defaults();
        Map<String, String> labels = CustomMetricSamples.seriesLabels("shop", "web-1", Map.of("code", "200"));

        assertThat(rules.selectsAny("http_requests_total", labels)).isTrue();
        assertThat(rules.selectsAny("http_request_duration_seconds_count", labels)).isFalse();
        assertThat(rules.selectsAny("queue_messages_cnt", Map.of())).isTrue();
        assertThat(rules.rules().get(0).name().metricName("http_requests_total")).isEqualTo("http_requests");
    }

    @Test
    void targetLabelsWinOverExposedOnesWhichAreKeptAsExported() {
        Map<String, String> labels = CustomMetricSamples.seriesLabels("shop", "web-1",
                Map.of("pod", "inner", "path", "/"));

        assertThat(labels).containsEntry("pod", "web-1").containsEntry("exported_pod", "inner")
                .containsEntry("kubernetes_pod_name", "web-1").containsEntry("namespace", "shop")
                .containsEntry("path", "/");
    }

    @Test
    void matchersFollowPromqlSemantics() {
        SeriesSelector s = SeriesSelector.parse("{__name__=~\"^container_.*\",container!=\"POD\",namespace!=\"\","
                + "code=~\"2..\",path!~'/health.*'}", "q");

        assertThat(s.matches("container_cpu", Map.of("container", "app", "namespace", "a", "code", "200",
                "path", "/x"))).isTrue();
        assertThat(s.matches("container_cpu", Map.of("container", "POD", "namespace", "a", "code", "200"))).isFalse();
        assertThat(s.matches("container_cpu", Map.of("container", "app", "code", "200"))).as("missing = \"\"")
                .isFalse();
        assertThat(s.matches("container_cpu", Map.of("container", "app", "namespace", "a", "code", "1200")))
                .as("anchored").isFalse();
        assertThat(s.matches("container_cpu", Map.of("container", "app", "namespace", "a", "code", "200",
                "path", "/healthz"))).isFalse();
        assertThat(s.matches("node_cpu", Map.of("container", "app", "namespace", "a", "code", "200"))).isFalse();
    }

    @Test
    void nameMappingDefaultsAndGoStyleGroups() {
        AdapterRules rules = AdapterRules.parse("""
                rules:
                - seriesQuery: '{__name__=~"^.*_seconds_total$",pod!=""}'
                  resources: {template: "<<.Resource>>"}
                  name: {matches: "^(.*)_seconds_total$", as: "${1}_per_second"}
                  metricsQuery: 'sum(irate(<<.Series>>{<<.LabelMatchers>>,mode!="idle"}[1m30s])) by (<<.GroupBy>>)'
                - seriesQuery: 'queue_depth{namespace!=""}'
                  resources: {template: "<<.Resource>>"}
                  name: {matches: "^queue_(.*)$"}
                  metricsQuery: '<<.Series>>{<<.LabelMatchers>>}'
                """);

        DiscoveryRule cpu = rules.rules().get(0);
        assertThat(cpu.name().metricName("process_cpu_seconds_total")).isEqualTo("process_cpu_per_second");
        assertThat(cpu.name().metricName("http_requests_total")).isNull();
        assertThat(cpu.metricsQuery().function()).isEqualTo("irate");
        assertThat(cpu.metricsQuery().window()).isEqualTo(Duration.ofSeconds(90));
        assertThat(cpu.metricsQuery().extraMatchers()).containsExactly(LabelMatcher.of("mode", LabelMatcher.Op.NEQ,
                "idle"));
        assertThat(cpu.resources().labelFor(GroupResource.PODS)).isEqualTo("pod");
        assertThat(cpu.resources().resourceFor("namespace")).isEqualTo(GroupResource.NAMESPACES);
        DiscoveryRule depth = rules.rules().get(1);
        assertThat(depth.name().metricName("queue_depth")).as("one group: $1").isEqualTo("depth");
        assertThat(depth.metricsQuery().aggregation()).isNull();
    }

    @Test
    void readsAggregationWithLeadingByAndLiteralLabels() {
        MetricsQuery q = MetricsQuery.parse("max by (<< .GroupBy >>, topic) (<<.Series>>{<<.LabelMatchers>>})", "f");

        assertThat(q.aggregation()).isEqualTo("max");
        assertThat(q.groupByResource()).isTrue();
        assertThat(q.groupByLabels()).containsExactly("topic");
    }

    @Test
    void groupResourcesReadTheApiPathForms() {
        assertThat(GroupResource.parse("pods")).isEqualTo(GroupResource.PODS);
        assertThat(GroupResource.parse("deployments.apps")).isEqualTo(new GroupResource("apps", "deployment"));
        assertThat(GroupResource.parse("ingresses.networking.k8s.io").pluralPath())
                .isEqualTo("ingresses.networking.k8s.io");
        assertThat(new GroupResource("", "services").pluralPath()).isEqualTo("services");
        assertThat(new GroupResource("policy", "policies").resource()).isEqualTo("policy");
    }

    @Test
    void badRulesNameTheField() {
        assertThatThrownBy(() -> AdapterRules.parse("rules:\n- seriesQuery: 'x{a=\"b'\n  metricsQuery: '<<.Series>>'"))
                .isInstanceOf(RulesException.class).hasMessageStartingWith("rules[0].seriesQuery: ");
        assertThatThrownBy(() -> AdapterRules.parse("rules:\n- seriesQuery: x\n  metricsQuery: 'sum(foo)'"))
                .hasMessageStartingWith("rules[0].metricsQuery: ").hasMessageContaining("supported:");
        assertThatThrownBy(() -> AdapterRules.parse("rules:\n- seriesQuery: x\n  metricsQuery: "
                + "'rate(<<.Series>>{<<.LabelMatchers>>}[2 minutes])'"))
                .hasMessageStartingWith("rules[0].metricsQuery: ");
        assertThatThrownBy(() -> AdapterRules.parse("rules:\n- seriesQuery: x\n  metricsquery: y"))
                .hasMessageStartingWith("rules[0].metricsquery: unknown field");
        assertThatThrownBy(() -> AdapterRules.parse("rules:\n- seriesQuery: x\n  name: {matches: '(a'}\n"
                + "  metricsQuery: '<<.Series>>{<<.LabelMatchers>>}'"))
                .hasMessageStartingWith("rules[0].name.matches: bad regular expression");
        assertThatThrownBy(() -> AdapterRules.parse("rules:\n- seriesQuery: x\n"
                + "  metricsQuery: 'sum(<<.Series>>{<<.LabelMatchers>>})'"))
                .hasMessageContaining("must group by (<<.GroupBy>>)");
        assertThatThrownBy(() -> AdapterRules.parse("externalRules:\n- seriesQuery: x\n  resources: {namespaced: "
                + "maybe}\n  metricsQuery: '<<.Series>>{<<.LabelMatchers>>}'"))
                .hasMessage("externalRules[0].resources.namespaced: must be true or false");
        assertThatThrownBy(() -> AdapterRules.parse("rules: {}")).hasMessage("rules: must be a list");
    }

    @Test
    void anEmptyFileHasNoRules() {
        assertThat(AdapterRules.parse("").isEmpty()).isTrue();
        assertThat(AdapterRules.parse("resourceRules:\n  cpu: {}\n").isEmpty()).isTrue();
    }
}
