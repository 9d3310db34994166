package dev.scalebus.autoscaler.hpa;

import dev.scalebus.autoscaler.hpa.MetricSpec.MetricTarget;
import dev.scalebus.events.Quantity;
import java.math.BigDecimal;
import java.util.List;

/** One metric's proposal and status, mirroring upstream {@code computeReplicasForMetric} and computeStatusFor*. */
final class MetricComputer {

    private final ReplicaCalculator calc;
    private final MetricReads reads;
    private final List<PodInfo> pods;
    private final Tolerances tol;

    MetricComputer(ReplicaCalculator calc, MetricReads reads, List<PodInfo> pods, Tolerances tol) {
        this.calc = calc;
        this.reads = reads;
        this.pods = pods;
        this.tol = tol;
    }

    MetricResult compute(MetricSpec spec, int specReplicas, int statusReplicas) {
        String type = spec.type() == null ? "" : spec.type();
        switch (type) {
            case MetricSpec.RESOURCE -> {
                if (spec.resource() == null) {
                    break;
                }
                return resource(spec, spec.resource().name(), null, spec.resource().target(), specReplicas,
                        "FailedGetResourceMetric", "failed to get " + spec.resource().name()
                                + " resource metric value: ");
            }
            case MetricSpec.CONTAINER_RESOURCE -> {
                if (spec.containerResource() == null) {
                    break;
                }
                var c = spec.containerResource();
                return resource(spec, c.name(), c.container(), c.target(), specReplicas,
                        "FailedGetContainerResourceMetric", "failed to get " + c.container()
                                + " container metric value: ");
            }
            case MetricSpec.PODS -> {
                if (spec.pods() != null) {
                    return pods(spec, specReplicas);
                }
            }
            case MetricSpec.OBJECT -> {
                if (spec.object() != null) {
                    return object(spec, specReplicas, statusReplicas);
                }
            }
            case MetricSpec.EXTERNAL -> {
                if (spec.external() != null) {
                    return external(spec, specReplicas, statusReplicas);
                }
            }
            default -> {
            }
        }
        String err = "unknown metric source type \"" + type + "\"";
        return MetricResult.failed(spec, "InvalidMetricSourceType", err, err);
    }

    private MetricResult resource(MetricSpec spec, String resource, String container, MetricTarget target,
            int current, String reason, String outerPrefix) {
        String kind = container == null ? MetricSpec.RESOURCE : MetricSpec.CONTAINER_RESOURCE;
        try {
            if (target != null && target.averageValue() != null) {
                ReplicaCalculator.Result r;
                try {
                    r = calc.rawResourceReplicas(current, target.averageValue().milliValue(), resource, container,
                            tol, pods, reads.resource());
                } catch (MetricException e) {
                    throw new MetricException("failed to get " + resource + " usage: " + e.getMessage());
                }
                return ok(spec, resource + " resource",
                        new MetricStatus(kind, resource, container, null, milli(r.milliValue()), null), r);
            }
            if (target == null || target.averageUtilization() == null) {
                throw new MetricException("invalid resource metric source: neither an average utilization target"
                        + " nor an average value (usage) target was set");
            }
            ReplicaCalculator.Result r;
            try {
                r = calc.resourceReplicas(current, target.averageUtilization(), resource, container, tol, pods,
                        reads.resource());
            } catch (MetricException e) {
                throw new MetricException("failed to get " + resource + " utilization: " + e.getMessage());
            }
            String name = resource + (container == null ? " resource" : " container resource")
                    + " utilization (percentage of request)";
            return ok(spec, name, new MetricStatus(kind, resource, container, r.utilization(),
                    milli(r.milliValue()), null), r);
        } catch (MetricException e) {
            return MetricResult.failed(spec, reason, e.getMessage(), outerPrefix + e.getMessage());
        }
    }

    private MetricResult pods(MetricSpec spec, int current) {
        String metric = spec.pods().metric().name();
        MetricTarget t = spec.pods().target();
        try {
            if (t == null || t.averageValue() == null) {
                throw new MetricException("invalid pods metric source: no average value target was set");
            }
            var r = calc.podsMetricReplicas(current, t.averageValue().milliValue(), metric, tol, pods,
                    reads.pods().get(metric));
            return ok(spec, "pods metric " + metric,
                    new MetricStatus(MetricSpec.PODS, metric, null, null, milli(r.milliValue()), null), r);
        } catch (MetricException e) {
            return MetricResult.failed(spec, "FailedGetPodsMetric", e.getMessage(),
                    "failed to get pods metric value: " + e.getMessage());
        }
    }

    private MetricResult object(MetricSpec spec, int specReplicas, int statusReplicas) {
        var src = spec.object();
        String metric = src.metric().name();
        MetricTarget t = src.target();
        try {
            if (t != null && MetricTarget.VALUE.equals(t.type()) && t.value() != null) {
                var r = ValueMetricCalculator.objectValueReplicas(specReplicas, t.value().milliValue(), src, tol, pods,
                        reads.object().get(metric));
                String kind = src.describedObject() == null ? "" : src.describedObject().kind();
                return ok(spec, kind + " metric " + metric,
                        new MetricStatus(MetricSpec.OBJECT, metric, null, null, null, milli(r.milliValue())), r);
            }
            if (t != null && MetricTarget.AVERAGE_VALUE.equals(t.type()) && t.averageValue() != null) {
                var r = ValueMetricCalculator.objectPerPodReplicas(statusReplicas, t.averageValue().milliValue(), src, tol,
                        reads.object().get(metric));
                // upstream prints "external metric" for per-pod Object metrics too
                return ok(spec, "external metric " + metric + "(" + selectorString(src.metric()) + ")",
                        new MetricStatus(MetricSpec.OBJECT, metric, null, null, milli(r.milliValue()), null), r);
            }
            throw new MetricException(
                    "invalid object metric source: neither a value target nor an average value target was set");
        } catch (MetricException e) {
            return MetricResult.failed(spec, "FailedGetObjectMetric", e.getMessage(),
                    "failed to get object metric value: " + e.getMessage());
        }
    }

    private MetricResult external(MetricSpec spec, int specReplicas, int statusReplicas) {
        var src = spec.external();
        String metric = src.metric().name();
        MetricTarget t = src.target();
        String name = "external metric " + metric + "(" + selectorString(src.metric()) + ")";
        try {
            if (t != null && MetricTarget.AVERAGE_VALUE.equals(t.type()) && t.averageValue() != null) {
                var r = ValueMetricCalculator.externalPerPodReplicas(statusReplicas, t.averageValue().milliValue(), src, tol,
                        reads.external().get(metric));
                return ok(spec, name,
                        new MetricStatus(MetricSpec.EXTERNAL, metric, null, null, milli(r.milliValue()), null), r);
            }
            if (t != null && MetricTarget.VALUE.equals(t.type()) && t.value() != null) {
                var r = ValueMetricCalculator.externalValueReplicas(specReplicas, t.value().milliValue(), src, tol, pods,
                        reads.external().get(metric));
                return ok(spec, name,
                        new MetricStatus(MetricSpec.EXTERNAL, metric, null, null, null, milli(r.milliValue())), r);
            }
            throw new MetricException(
                    "invalid external metric source: neither a value target nor an average value target was set");
        } catch (MetricException e) {
            return MetricResult.failed(spec, "FailedGetExternalMetric", e.getMessage(),
                    "failed to get " + metric + " external metric value: " + e.getMessage());
        }
    }

    private static String selectorString(MetricSpec.MetricIdentifier id) {
        return id.selector() == null ? "nil" : id.selector().goString();
    }

    private static MetricResult ok(MetricSpec spec, String name, MetricStatus status, ReplicaCalculator.Result r) {
        return new MetricResult(spec, name, status, r.replicas(), r.timestamp(), null, null, null);
    }

    private static Quantity milli(long milli) {
        return Quantity.of(BigDecimal.valueOf(milli, 3), Quantity.Format.DECIMAL_SI);
    }
}
