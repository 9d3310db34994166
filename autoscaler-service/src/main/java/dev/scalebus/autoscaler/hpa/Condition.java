package dev.scalebus.autoscaler.hpa;

import java.time.Instant;

/** HorizontalPodAutoscalerCondition. */
public record Condition(String type, String status, String reason, String message, Instant lastTransitionTime) {

    public static final String ABLE_TO_SCALE = "AbleToScale";
    public static final String SCALING_ACTIVE = "ScalingActive";
    public static final String SCALING_LIMITED = "ScalingLimited";
    public static final String TRUE = "True";
    public static final String FALSE = "False";
}
