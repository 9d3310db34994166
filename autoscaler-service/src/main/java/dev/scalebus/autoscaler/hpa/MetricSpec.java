package dev.scalebus.autoscaler.hpa;

import dev.scalebus.events.Quantity;
import java.util.List;
import java.util.Map;

/** autoscaling/v2 MetricSpec: exactly one source, named by {@code type}. */
public record MetricSpec(String type, ResourceSource resource, ContainerResourceSource containerResource,
        PodsSource pods, ObjectSource object, ExternalSource external) {

    public static final String RESOURCE = "Resource";
    public static final String CONTAINER_RESOURCE = "ContainerResource";
    public static final String PODS = "Pods";
    public static final String OBJECT = "Object";
    public static final String EXTERNAL = "External";

    public static MetricSpec resource(String name, MetricTarget target) {
        return new MetricSpec(RESOURCE, new ResourceSource(name, target), null, null, null, null);
    }

    public static MetricSpec containerResource(String name, String container, MetricTarget target) {
        return new MetricSpec(CONTAINER_RESOURCE, null, new ContainerResourceSource(name, container, target), null,
                null, null);
    }

    public static MetricSpec pods(String metric, MetricTarget target) {
        return new MetricSpec(PODS, null, null, new PodsSource(new MetricIdentifier(metric, null), target), null,
                null);
    }

    public static MetricSpec object(HpaSpec.TargetRef described, String metric, MetricTarget target) {
        return new MetricSpec(OBJECT, null, null, null,
                new ObjectSource(described, new MetricIdentifier(metric, null), target), null);
    }

    public static MetricSpec external(String metric, LabelSelector selector, MetricTarget target) {
        return new MetricSpec(EXTERNAL, null, null, null, null,
                new ExternalSource(new MetricIdentifier(metric, selector), target));
    }

    /** The metric name used for lookups: resource name or custom metric name. */
    public String metricName() {
        if (resource != null && RESOURCE.equals(type)) {
            return resource.name();
        }
        if (containerResource != null && CONTAINER_RESOURCE.equals(type)) {
            return containerResource.name();
        }
        if (pods != null && PODS.equals(type)) {
            return pods.metric().name();
        }
        if (object != null && OBJECT.equals(type)) {
            return object.metric().name();
        }
        if (external != null && EXTERNAL.equals(type)) {
            return external.metric().name();
        }
        return null;
    }

    public record ResourceSource(String name, MetricTarget target) {
    }

    public record ContainerResourceSource(String name, String container, MetricTarget target) {
    }

    public record PodsSource(MetricIdentifier metric, MetricTarget target) {
    }

    public record ObjectSource(HpaSpec.TargetRef describedObject, MetricIdentifier metric, MetricTarget target) {
    }

    public record ExternalSource(MetricIdentifier metric, MetricTarget target) {
    }

    public record MetricIdentifier(String name, LabelSelector selector) {
    }

    /** metav1.LabelSelector. */
    public record LabelSelector(Map<String, String> matchLabels, List<Requirement> matchExpressions) {

        /** metav1.LabelSelectorRequirement: operator In, NotIn, Exists or DoesNotExist. */
        public record Requirement(String key, String operator, List<String> values) {
        }

        /**
         * The selector in string form, as {@code metav1.LabelSelectorAsSelector(s).String()}: requirements sorted
         * by key, {@code k=v}, {@code k in (a,b)}, {@code k notin (a,b)}, {@code k}, {@code !k}.
         */
        public String asSelectorString() {
            java.util.List<String[]> parts = new java.util.ArrayList<>();
            if (matchLabels != null) {
                matchLabels.forEach((k, v) -> parts.add(new String[] {k, k + "=" + v}));
            }
            if (matchExpressions != null) {
                for (Requirement r : matchExpressions) {
                    String values = String.join(",", r.values() == null ? List.of()
                            : r.values().stream().sorted().toList());
                    parts.add(new String[] {r.key(), switch (r.operator()) {
                        case "In" -> r.key() + " in (" + values + ")";
                        case "NotIn" -> r.key() + " notin (" + values + ")";
                        case "Exists" -> r.key();
                        default -> "!" + r.key();
                    }});
                }
            }
            parts.sort(java.util.Comparator.comparing(p -> p[0]));
            return String.join(",", parts.stream().map(p -> p[1]).toList());
        }

        /** Go's {@code %+v} of a LabelSelector, as upstream prints it in metric names. */
        public String goString() {
            StringBuilder b = new StringBuilder("&LabelSelector{MatchLabels:map[");
            if (matchLabels != null) {
                b.append(String.join(" ", new java.util.TreeMap<>(matchLabels).entrySet().stream()
                        .map(e -> e.getKey() + ":" + e.getValue()).toList()));
            }
            b.append("],MatchExpressions:[");
            if (matchExpressions != null) {
                b.append(String.join(" ", matchExpressions.stream().map(r -> "{" + r.key() + " " + r.operator()
                        + " " + r.values() + "}").toList()));
            }
            return b.append("],}").toString();
        }
    }

    /** autoscaling/v2 MetricTarget. */
    public record MetricTarget(String type, Integer averageUtilization, Quantity averageValue, Quantity value) {

        public static final String UTILIZATION = "Utilization";
        public static final String AVERAGE_VALUE = "AverageValue";
        public static final String VALUE = "Value";

        public static MetricTarget utilization(int percent) {
            return new MetricTarget(UTILIZATION, percent, null, null);
        }

        public static MetricTarget averageValue(Quantity q) {
            return new MetricTarget(AVERAGE_VALUE, null, q, null);
        }

        public static MetricTarget value(Quantity q) {
            return new MetricTarget(VALUE, null, null, q);
        }
    }
}
