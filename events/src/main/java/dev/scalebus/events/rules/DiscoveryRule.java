package dev.scalebus.events.rules;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of prometheus-adapter's {@code rules} or {@code externalRules}: which series (seriesQuery,
 * seriesFilters), which Kubernetes objects their labels name (resources), the metric name served (name) and how the
 * value is computed (metricsQuery). Mirrors prometheus-adapter's pkg/config and pkg/naming behaviour.
 *
 * @param seriesQuery   the series selector
 * @param seriesFilters extra conditions on the series name
 * @param resources     the label to resource mapping
 * @param name          the series name to metric name mapping
 * @param metricsQuery  what a request computes
 */
public record DiscoveryRule(SeriesSelector seriesQuery, List<SeriesFilter> seriesFilters, ResourceMapping resources,
        NameMapping name, MetricsQuery metricsQuery) {

    public DiscoveryRule {
        seriesFilters = List.copyOf(seriesFilters);
    }

    /** Whether this rule selects the series (labels include the target labels). */
    public boolean selects(String seriesName, Map<String, String> labels) {
        if (!seriesQuery.matches(seriesName, labels)) {
            return false;
        }
        for (SeriesFilter f : seriesFilters) {
            if (!f.accepts(seriesName)) {
                return false;
            }
        }
        return true;
    }

    /** {@code is} / {@code isNot}: a regular expression the series name must (not) contain a match of. */
    public record SeriesFilter(Pattern is, Pattern isNot) {

        public boolean accepts(String seriesName) {
            return (is == null || is.matcher(seriesName).find()) && (isNot == null || !isNot.matcher(seriesName).find());
        }
    }

    /**
     * {@code name.matches} / {@code name.as}: as prometheus-adapter, {@code matches} defaults to the whole name and
     * {@code as} to the one capture group ({@code $1}) or the whole match ({@code $0}).
     */
    public record NameMapping(Pattern matches, String as) {

        /** The served metric name for a series name, or null when {@code matches} does not match it. */
        public String metricName(String seriesName) {
            Matcher m = matches.matcher(seriesName);
            if (!m.find()) {
                return null;
            }
            // Go's regexp Expand writes ${1}; Java's appendReplacement takes the same after this rewrite
            StringBuilder out = new StringBuilder();
            m.appendReplacement(out, as.replaceAll("\\$\\{(\\d+)}", "\\$$1"));
            return out.substring(m.start());
        }
    }

    /**
     * {@code resources}: {@code overrides} (label → resource) and/or a {@code template} such as
     * {@code kube_<<.Group>>_<<.Resource>>}; {@code namespaced} only matters for external rules (default true).
     */
    public record ResourceMapping(Map<String, GroupResource> overrides, String template, boolean namespaced) {

        public ResourceMapping {
            overrides = Map.copyOf(overrides);
        }

        /** The series label that names objects of this resource, or null when the rule maps none. */
        public String labelFor(GroupResource resource) {
            for (Map.Entry<String, GroupResource> e : overrides.entrySet()) {
                if (e.getValue().equals(resource)) {
                    return e.getKey();
                }
            }
            if (template == null) {
                return null;
            }
            return template.replaceAll("<<\\s*\\.Group\\s*>>", resource.group())
                    .replaceAll("<<\\s*\\.Resource\\s*>>", resource.resource());
        }

        /** The resource a series label names, or null. */
        public GroupResource resourceFor(String label) {
            GroupResource overridden = overrides.get(label);
            if (overridden != null || template == null) {
                return overridden;
            }
            String re = Pattern.quote(template).replaceAll("<<\\s*\\.Group\\s*>>", "\\\\E(?<group>[a-z0-9.]*)\\\\Q")
                    .replaceAll("<<\\s*\\.Resource\\s*>>", "\\\\E(?<resource>[a-z0-9]+)\\\\Q");
            Matcher m = Pattern.compile(re).matcher(label);
            if (!m.matches()) {
                return null;
            }
            return new GroupResource(re.contains("?<group>") ? m.group("group") : "", m.group("resource"));
        }
    }
}
