package dev.scalebus.metricsapi.custom;

import dev.scalebus.events.rules.AdapterRules;
import dev.scalebus.events.rules.DiscoveryRule;
import dev.scalebus.events.rules.GroupResource;
import dev.scalebus.events.rules.MetricsQuery;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * What the custom and external metrics APIs ask of the adapter rules, answered from the {@link SeriesWindow}; the
 * part of prometheus-adapter's series registry and providers that is not HTTP. As there, a metric exists for a
 * resource only while some selected series carries that resource's label (its discovery lists live series, not
 * rules), and a request's namespace, object names and metric selector become label conditions on the series.
 */
public final class MetricsCatalog {

    /** Resources that are not namespaced (the apiserver's RESTMapper knows; these are the built-in ones). */
    private static final Set<String> CLUSTER_SCOPED = Set.of("namespace", "node", "persistentvolume", "storageclass",
            "clusterrole", "clusterrolebinding", "customresourcedefinition", "priorityclass", "ingressclass",
            "runtimeclass", "csidriver", "csinode", "certificatesigningrequest", "apiservice");

    private final AdapterRules rules;
    private final SeriesWindow window;
    private final Clock clock;

    /** One discovery entry: {@code pods/http_requests}. */
    public record CustomMetric(GroupResource resource, String metric, boolean namespaced) {
    }

    /**
     * A request's answer: the value per object name (in the order found) or per label set, and the rule's window
     * in seconds when it computes a rate (null for a raw value).
     */
    public record Result(Map<String, Double> byName, List<QueryEngine.Value> values, Long windowSeconds) {
    }

    private record Resolved(DiscoveryRule rule, String seriesName) {
    }

    public MetricsCatalog(AdapterRules rules, SeriesWindow window, Clock clock) {
        this.rules = rules;
        this.window = window;
        this.clock = clock;
    }

    public static boolean namespaced(GroupResource resource) {
        return !CLUSTER_SCOPED.contains(resource.resource());
    }

    /** The custom metrics discovery: every (resource, metric) some live series provides, sorted. */
    public List<CustomMetric> customMetrics() {
        Set<CustomMetric> out = new TreeSet<>(Comparator.comparing((CustomMetric m) -> m.resource().pluralPath())
                .thenComparing(CustomMetric::metric));
        window.labelSets().forEach((seriesName, sets) -> {
            for (DiscoveryRule rule : rules.rules()) {
                String metric = rule.name().metricName(seriesName);
                if (metric == null) {
                    continue;
                }
                for (Map<String, String> labels : sets) {
                    if (rule.selects(seriesName, labels)) {
                        labels.keySet().stream().map(rule.resources()::resourceFor).filter(r -> r != null)
                                .forEach(r -> out.add(new CustomMetric(r, metric, namespaced(r))));
                    }
                }
            }
        });
        return List.copyOf(out);
    }

    /** The external metrics discovery: every metric name some live series provides, sorted. */
    public List<String> externalMetrics() {
        Set<String> out = new TreeSet<>();
        window.labelSets().forEach((seriesName, sets) -> {
            for (DiscoveryRule rule : rules.externalRules()) {
                String metric = rule.name().metricName(seriesName);
                if (metric != null && sets.stream().anyMatch(l -> rule.selects(seriesName, l))) {
                    out.add(metric);
                }
            }
        });
        return List.copyOf(out);
    }

    /**
     * A custom metric for objects of {@code resource}.
     *
     * @param namespace the request's namespace; null for cluster-scoped objects and the namespace object itself
     * @param names     the object names asked for; null for every object the series name
     * @return empty when no rule provides the metric for the resource (404 "could not find the metric")
     */
    public Optional<Result> custom(GroupResource resource, String namespace, Set<String> names, String metric,
            Predicate<Map<String, String>> metricSelector) {
        Optional<Resolved> found = resolve(rules.rules(), metric, resource);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        DiscoveryRule rule = found.get().rule();
        String resourceLabel = rule.resources().labelFor(resource);
        String nsLabel = rule.resources().labelFor(GroupResource.NAMESPACES);
        Predicate<Map<String, String>> selects = labels -> rule.selects(found.get().seriesName(), labels)
                && (namespace == null || nsLabel != null && namespace.equals(labels.get(nsLabel)))
                && (names == null || names.contains(labels.get(resourceLabel))) && metricSelector.test(labels);
        List<QueryEngine.Value> values = QueryEngine.evaluate(window, found.get().seriesName(), rule.metricsQuery(),
                selects, resourceLabel, clock.millis());
        Map<String, Double> byName = new LinkedHashMap<>();
        for (QueryEngine.Value v : values) {
            String name = v.labels().get(resourceLabel);
            if (name != null) {
                byName.putIfAbsent(name, v.value()); // prometheus-adapter: the first value of a name is used
            }
        }
        return Optional.of(new Result(byName, values, windowSeconds(rule.metricsQuery())));
    }

    /**
     * An external metric. A rule with {@code namespaced: false} ignores the namespace; a namespaced one keeps the
     * series whose namespace label (its override for namespaces) equals it.
     *
     * @return empty when no external rule provides the metric
     */
    public Optional<Result> external(String namespace, String metric, Predicate<Map<String, String>> selector) {
        Optional<Resolved> found = resolve(rules.externalRules(), metric, null);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        DiscoveryRule rule = found.get().rule();
        String nsLabel = rule.resources().labelFor(GroupResource.NAMESPACES);
        boolean byNamespace = rule.resources().namespaced() && namespace != null && nsLabel != null;
        Predicate<Map<String, String>> selects = labels -> rule.selects(found.get().seriesName(), labels)
                && (!byNamespace || namespace.equals(labels.get(nsLabel))) && selector.test(labels);
        List<QueryEngine.Value> values = QueryEngine.evaluate(window, found.get().seriesName(), rule.metricsQuery(),
                selects, null, clock.millis());
        return Optional.of(new Result(Map.of(), values, windowSeconds(rule.metricsQuery())));
    }

    private Optional<Resolved> resolve(List<DiscoveryRule> candidates, String metric, GroupResource resource) {
        Map<String, List<Map<String, String>>> sets = window.labelSets();
        List<String> seriesNames = new ArrayList<>(sets.keySet());
        seriesNames.sort(null);
        for (DiscoveryRule rule : candidates) {
            String label = resource == null ? null : rule.resources().labelFor(resource);
            if (resource != null && label == null) {
                continue;
            }
            for (String seriesName : seriesNames) {
                if (!metric.equals(rule.name().metricName(seriesName))) {
                    continue;
                }
                for (Map<String, String> labels : sets.get(seriesName)) {
                    if (rule.selects(seriesName, labels) && (label == null || labels.containsKey(label))) {
                        return Optional.of(new Resolved(rule, seriesName));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Long windowSeconds(MetricsQuery query) {
        return query.function() == null ? null : query.window().toSeconds();
    }
}
