package dev.scalebus.events.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A prometheus-adapter rules file, the core of its format: {@code rules} (custom.metrics.k8s.io) and
 * {@code externalRules} (external.metrics.k8s.io). collector-service uses it to keep only the series some rule
 * selects; metrics-api-service to name and compute the metrics it serves. {@code resourceRules} is accepted and
 * ignored: scalebus serves metrics.k8s.io from the kubelets.
 *
 * @param rules         the custom metrics rules
 * @param externalRules the external metrics rules
 */
public record AdapterRules(List<DiscoveryRule> rules, List<DiscoveryRule> externalRules) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> TOP = Set.of("rules", "externalRules", "resourceRules");
    private static final Set<String> RULE = Set.of("seriesQuery", "seriesFilters", "resources", "name",
            "metricsQuery");

    public AdapterRules {
        rules = List.copyOf(rules);
        externalRules = List.copyOf(externalRules);
    }

    /** The rules used when none are configured: seed 002's examples (http_requests, queue_messages_cnt). */
    public static AdapterRules defaults() {
        try (var in = AdapterRules.class.getResourceAsStream("default-rules.yaml")) {
            return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("the bundled default-rules.yaml cannot be read", e);
        }
    }

    public static AdapterRules none() {
        return new AdapterRules(List.of(), List.of());
    }

    /** Reads a rules file; a missing file, bad YAML or a bad field is a {@link RulesException} naming it. */
    public static AdapterRules load(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new RulesException("adapter rules file " + file + " cannot be read: " + e.getMessage());
        } catch (RulesException e) {
            throw new RulesException(file + ": " + e.getMessage());
        }
    }

    public static AdapterRules parse(String yaml) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new RulesException("not YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return none();
        }
        if (!root.isObject()) {
            throw new RulesException("the rules file must be a mapping with 'rules' and/or 'externalRules'");
        }
        unknownFields(root, TOP, "");
        return new AdapterRules(list(root.path("rules"), "rules", false),
                list(root.path("externalRules"), "externalRules", true));
    }

    /** Whether any rule, custom or external, selects the series: what the collector keeps. */
    public boolean selectsAny(String seriesName, Map<String, String> labels) {
        for (DiscoveryRule r : rules) {
            if (r.selects(seriesName, labels)) {
                return true;
            }
        }
        for (DiscoveryRule r : externalRules) {
            if (r.selects(seriesName, labels)) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return rules.isEmpty() && externalRules.isEmpty();
    }

    private static List<DiscoveryRule> list(JsonNode node, String field, boolean external) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new RulesException(field + ": must be a list");
        }
        List<DiscoveryRule> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            out.add(rule(node.get(i), field + "[" + i + "]", external));
        }
        return out;
    }

    private static DiscoveryRule rule(JsonNode n, String at, boolean external) {
        if (!n.isObject()) {
            throw new RulesException(at + ": must be a mapping");
        }
        unknownFields(n, RULE, at + ".");
        SeriesSelector series = SeriesSelector.parse(n.path("seriesQuery").asText(null), at + ".seriesQuery");
        List<DiscoveryRule.SeriesFilter> filters = new ArrayList<>();
        JsonNode fs = n.path("seriesFilters");
        for (int i = 0; i < fs.size(); i++) {
            String f = at + ".seriesFilters[" + i + "]";
            filters.add(new DiscoveryRule.SeriesFilter(regex(fs.get(i).path("is"), f + ".is"),
                    regex(fs.get(i).path("isNot"), f + ".isNot")));
        }
        DiscoveryRule.ResourceMapping resources = resources(n.path("resources"), at + ".resources", external);
        Pattern matches = regex(n.path("name").path("matches"), at + ".name.matches");
        if (matches == null) {
            matches = Pattern.compile(".*");
        }
        String as = n.path("name").path("as").asText("");
        if (as.isEmpty()) {
            int groups = matches.matcher("").groupCount();
            if (groups > 1) {
                throw new RulesException(at + ".name.as: required when name.matches has more than one group");
            }
            as = groups == 1 ? "$1" : "$0";
        }
        MetricsQuery query = MetricsQuery.parse(n.path("metricsQuery").asText(null), at + ".metricsQuery");
        if (!external && query.aggregation() != null && !query.groupByResource()) {
            throw new RulesException(at + ".metricsQuery: a custom metrics rule's aggregation must group "
                    + "by (<<.GroupBy>>), or every object would get the same value");
        }
        return new DiscoveryRule(series, filters, resources, new DiscoveryRule.NameMapping(matches, as), query);
    }

    private static DiscoveryRule.ResourceMapping resources(JsonNode n, String at, boolean external) {
        Map<String, GroupResource> overrides = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = n.path("overrides").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String resource = e.getValue().path("resource").asText("");
            if (resource.isBlank()) {
                throw new RulesException(at + ".overrides." + e.getKey() + ".resource: required");
            }
            overrides.put(e.getKey(), new GroupResource(e.getValue().path("group").asText(""), resource));
        }
        String template = n.path("template").asText(null);
        JsonNode namespaced = n.path("namespaced");
        if (!namespaced.isMissingNode() && !external) {
            throw new RulesException(at + ".namespaced: only external rules may set it");
        }
        if (!namespaced.isMissingNode() && !namespaced.isBoolean()) {
            throw new RulesException(at + ".namespaced: must be true or false");
        }
        return new DiscoveryRule.ResourceMapping(overrides, template, namespaced.asBoolean(true));
    }

    private static Pattern regex(JsonNode n, String at) {
        if (n.isMissingNode() || n.isNull() || n.asText().isEmpty()) {
            return null;
        }
        try {
            return Pattern.compile(n.asText());
        } catch (PatternSyntaxException e) {
            throw new RulesException(at + ": bad regular expression: " + e.getDescription());
        }
    }

    private static void unknownFields(JsonNode n, Set<String> known, String at) {
        n.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) {
                throw new RulesException(at + f + ": unknown field (known: " + String.join(", ", known) + ")");
            }
        });
    }
}
