package dev.scalebus.autoscaler.hpa;

import dev.scalebus.autoscaler.hpa.Behavior.ScalingPolicy;
import dev.scalebus.autoscaler.hpa.Behavior.ScalingRules;
import java.util.List;

/**
 * API defaulting of an autoscaling/v2 HPA, mirroring {@code pkg/apis/autoscaling/v2/defaults.go}: minReplicas 1,
 * no metrics means cpu at 80% utilization, and behavior defaulted field by field only when it is set at all.
 */
public final class HpaDefaults {

    public static final int DEFAULT_CPU_UTILIZATION = 80;

    private HpaDefaults() {
    }

    public static HpaSpec apply(HpaSpec spec) {
        Integer min = spec.minReplicas() == null ? Integer.valueOf(1) : spec.minReplicas();
        List<MetricSpec> metrics = spec.metrics().isEmpty()
                ? List.of(MetricSpec.resource("cpu", MetricSpec.MetricTarget.utilization(DEFAULT_CPU_UTILIZATION)))
                : spec.metrics();
        Behavior behavior = spec.behavior() == null ? null
                : new Behavior(scaleUpRules(spec.behavior().scaleUp()), scaleDownRules(spec.behavior().scaleDown()));
        return new HpaSpec(spec.scaleTargetRef(), min, spec.maxReplicas(), metrics, behavior);
    }

    /** GenerateHPAScaleUpRules: stabilization 0, Max of 4 pods / 15 s and 100% / 15 s. */
    public static ScalingRules scaleUpRules(ScalingRules given) {
        ScalingRules d = new ScalingRules(0, ScalingRules.MAX, List.of(
                new ScalingPolicy(ScalingPolicy.PODS, 4, 15), new ScalingPolicy(ScalingPolicy.PERCENT, 100, 15)),
                null);
        return copy(given, d);
    }

    /** GenerateHPAScaleDownRules: stabilization nil (the controller's window), Max of 100% / 15 s. */
    public static ScalingRules scaleDownRules(ScalingRules given) {
        ScalingRules d = new ScalingRules(null, ScalingRules.MAX,
                List.of(new ScalingPolicy(ScalingPolicy.PERCENT, 100, 15)), null);
        return copy(given, d);
    }

    // copyHPAScalingRules: each field of the user's rules replaces the default only when set
    private static ScalingRules copy(ScalingRules from, ScalingRules to) {
        if (from == null) {
            return to;
        }
        return new ScalingRules(
                from.stabilizationWindowSeconds() != null ? from.stabilizationWindowSeconds()
                        : to.stabilizationWindowSeconds(),
                from.selectPolicy() != null ? from.selectPolicy() : to.selectPolicy(),
                from.policies() != null ? List.copyOf(from.policies()) : to.policies(),
                from.tolerance() != null ? from.tolerance() : to.tolerance());
    }
}
