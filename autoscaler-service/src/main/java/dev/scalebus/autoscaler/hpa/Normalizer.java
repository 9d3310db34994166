package dev.scalebus.autoscaler.hpa;

import java.time.Instant;

/** Upstream {@code normalizeDesiredReplicas} (no behavior) and {@code normalizeDesiredReplicasWithBehaviors}. */
final class Normalizer {

    record Outcome(int proposed, int stabilized, int limited) {
    }

    private Normalizer() {
    }

    static Outcome normalize(HpaSpec spec, ControllerSettings settings, HistoryState history, int current,
            int proposed, int min, Instant now, Conditions conditions) {
        int stabilized;
        ScalingLimits.Limited limited;
        if (spec.behavior() == null) {
            stabilized = Stabilizer.legacy(history.recommendations, proposed, settings.downscaleStabilizationWindow(),
                    now);
            if (stabilized != proposed) {
                conditions.set(Condition.ABLE_TO_SCALE, Condition.TRUE, "ScaleDownStabilized",
                        "recent recommendations were higher than current one, applying the highest recent "
                                + "recommendation");
            } else {
                readyForNewScale(conditions);
            }
            limited = ScalingLimits.legacy(current, stabilized, min, spec.maxReplicas(),
                    settings.scaleUpLimitFactor(), settings.scaleUpLimitMinimum());
        } else {
            Behavior b = spec.behavior();
            // maybeInitScaleDownStabilizationWindow: an unset scale-down window takes the controller's flag
            int downWindow = b.scaleDown().stabilizationWindowSeconds() != null
                    ? b.scaleDown().stabilizationWindowSeconds()
                    : (int) settings.downscaleStabilizationWindow().toSeconds();
            int upWindow = b.scaleUp().stabilizationWindowSeconds() == null ? 0
                    : b.scaleUp().stabilizationWindowSeconds();
            Stabilizer.Stabilized s = Stabilizer.withBehavior(history.recommendations, current, proposed, upWindow,
                    downWindow, now);
            stabilized = s.replicas();
            if (stabilized != proposed) {
                conditions.set(Condition.ABLE_TO_SCALE, Condition.TRUE, s.reason(), s.message());
            } else {
                readyForNewScale(conditions);
            }
            limited = ScalingLimits.withBehavior(current, stabilized, min, spec.maxReplicas(), b.scaleUp(),
                    b.scaleDown(), history.scaleUpEvents, history.scaleDownEvents, now);
        }
        conditions.set(Condition.SCALING_LIMITED, limited.replicas() == stabilized ? Condition.FALSE : Condition.TRUE,
                limited.reason(), limited.message());
        return new Outcome(proposed, stabilized, limited.replicas());
    }

    private static void readyForNewScale(Conditions conditions) {
        conditions.set(Condition.ABLE_TO_SCALE, Condition.TRUE, "ReadyForNewScale",
                "recommended size matches current size");
    }
}
