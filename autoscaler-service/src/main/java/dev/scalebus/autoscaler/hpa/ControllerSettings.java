package dev.scalebus.autoscaler.hpa;

import java.time.Duration;

/**
 * kube-controller-manager's HPA flags (config/v1alpha1/defaults.go) plus the two package variables of the legacy
 * normalization path.
 *
 * @param tolerance                    --horizontal-pod-autoscaler-tolerance (0 is replaced by 0.1 as upstream)
 * @param cpuInitializationPeriod      --horizontal-pod-autoscaler-cpu-initialization-period
 * @param initialReadinessDelay        --horizontal-pod-autoscaler-initial-readiness-delay
 * @param downscaleStabilizationWindow --horizontal-pod-autoscaler-downscale-stabilization
 * @param scaleUpLimitFactor           scaleUpLimitFactor of the no-behavior path (2.0)
 * @param scaleUpLimitMinimum          scaleUpLimitMinimum of the no-behavior path (4.0)
 */
public record ControllerSettings(double tolerance, Duration cpuInitializationPeriod, Duration initialReadinessDelay,
        Duration downscaleStabilizationWindow, double scaleUpLimitFactor, double scaleUpLimitMinimum) {

    public static final double DEFAULT_TOLERANCE = 0.1;

    public ControllerSettings {
        if (tolerance == 0) {
            tolerance = DEFAULT_TOLERANCE;
        }
        if (tolerance < 0) {
            throw new IllegalArgumentException("tolerance must not be negative, was " + tolerance);
        }
    }

    public static ControllerSettings defaults() {
        return new ControllerSettings(DEFAULT_TOLERANCE, Duration.ofMinutes(5), Duration.ofSeconds(30),
                Duration.ofMinutes(5), 2.0, 4.0);
    }
}
