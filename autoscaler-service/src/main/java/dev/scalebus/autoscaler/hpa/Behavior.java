package dev.scalebus.autoscaler.hpa;

import dev.scalebus.events.Quantity;
import java.util.List;

/** autoscaling/v2 HorizontalPodAutoscalerBehavior. */
public record Behavior(ScalingRules scaleUp, ScalingRules scaleDown) {

    /** autoscaling/v2 HPAScalingRules; every field optional until {@link HpaDefaults} fills it. */
    public record ScalingRules(Integer stabilizationWindowSeconds, String selectPolicy, List<ScalingPolicy> policies,
            Quantity tolerance) {

        public static final String MAX = "Max";
        public static final String MIN = "Min";
        public static final String DISABLED = "Disabled";
    }

    /** autoscaling/v2 HPAScalingPolicy: type Pods or Percent. */
    public record ScalingPolicy(String type, int value, int periodSeconds) {

        public static final String PODS = "Pods";
        public static final String PERCENT = "Percent";
    }
}
