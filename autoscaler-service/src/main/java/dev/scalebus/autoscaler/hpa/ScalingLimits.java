package dev.scalebus.autoscaler.hpa;

import dev.scalebus.autoscaler.hpa.Behavior.ScalingPolicy;
import dev.scalebus.autoscaler.hpa.Behavior.ScalingRules;
import java.time.Instant;
import java.util.List;

/** Min/max and rate limits on a stabilized recommendation (upstream {@code convertDesiredReplicas*}). */
public final class ScalingLimits {

    /** The limited count and the ScalingLimited reason/message. */
    public record Limited(int replicas, String reason, String message) {
    }

    static final String WITHIN = "the desired count is within the acceptable range";
    static final String TOO_FEW = "the desired replica count is less than the minimum replica count";
    static final String TOO_MANY = "the desired replica count is more than the maximum replica count";
    static final String UP_LIMIT = "the desired replica count is increasing faster than the maximum scale rate";
    static final String DOWN_LIMIT = "the desired replica count is decreasing faster than the maximum scale rate";

    private ScalingLimits() {
    }

    /** convertDesiredReplicasWithRules: the legacy path, min checked first, then max(factor*current, minimum). */
    public static Limited legacy(int current, int desired, int min, int max, double factor, double minimum) {
        int scaleUpLimit = (int) Math.max(factor * current, minimum);
        int maxAllowed;
        String reason;
        String message;
        if (max > scaleUpLimit) {
            maxAllowed = scaleUpLimit;
            reason = "ScaleUpLimit";
            message = UP_LIMIT;
        } else {
            maxAllowed = max;
            reason = "TooManyReplicas";
            message = TOO_MANY;
        }
        if (desired < min) {
            return new Limited(min, "TooFewReplicas", TOO_FEW);
        }
        if (desired > maxAllowed) {
            return new Limited(maxAllowed, reason, message);
        }
        return new Limited(desired, "DesiredWithinRange", WITHIN);
    }

    /** convertDesiredReplicasWithBehaviorRate. */
    public static Limited withBehavior(int current, int desired, int min, int max, ScalingRules up,
            ScalingRules down, List<History.ScaleEvent> upEvents, List<History.ScaleEvent> downEvents, Instant now) {
        if (desired > current) {
            int limit = Math.max(scaleUpLimit(current, upEvents, downEvents, up, now), current);
            if (max > limit) {
                if (desired > limit) {
                    return new Limited(limit, "ScaleUpLimit", UP_LIMIT);
                }
            } else if (desired > max) {
                return new Limited(max, "TooManyReplicas", TOO_MANY);
            }
        } else if (desired < current) {
            int limit = Math.min(scaleDownLimit(current, upEvents, downEvents, down, now), current);
            if (min < limit) {
                if (desired < limit) {
                    return new Limited(limit, "ScaleDownLimit", DOWN_LIMIT);
                }
            } else if (desired < min) {
                return new Limited(min, "TooFewReplicas", TOO_FEW);
            }
        }
        return new Limited(desired, "DesiredWithinRange", WITHIN);
    }

    /** calculateScaleUpLimitWithScalingRules: Max picks the largest proposal, Min the smallest. */
    public static int scaleUpLimit(int current, List<History.ScaleEvent> upEvents,
            List<History.ScaleEvent> downEvents, ScalingRules rules, Instant now) {
        if (ScalingRules.DISABLED.equals(rules.selectPolicy())) {
            return current;
        }
        boolean min = ScalingRules.MIN.equals(rules.selectPolicy());
        int result = min ? Integer.MAX_VALUE : Integer.MIN_VALUE;
        for (ScalingPolicy p : policies(rules)) {
            int periodStart = periodStart(current, upEvents, downEvents, p.periodSeconds(), now);
            int proposed = ScalingPolicy.PODS.equals(p.type()) ? periodStart + p.value()
                    : (int) Math.ceil(periodStart * (1 + p.value() / 100.0));
            result = min ? Math.min(result, proposed) : Math.max(result, proposed);
        }
        return result;
    }

    /** calculateScaleDownLimitWithBehaviors: Max picks the largest removal (smallest count), Percent truncates. */
    public static int scaleDownLimit(int current, List<History.ScaleEvent> upEvents,
            List<History.ScaleEvent> downEvents, ScalingRules rules, Instant now) {
        if (ScalingRules.DISABLED.equals(rules.selectPolicy())) {
            return current;
        }
        boolean min = ScalingRules.MIN.equals(rules.selectPolicy());
        int result = min ? Integer.MIN_VALUE : Integer.MAX_VALUE;
        for (ScalingPolicy p : policies(rules)) {
            int periodStart = periodStart(current, upEvents, downEvents, p.periodSeconds(), now);
            int proposed = ScalingPolicy.PODS.equals(p.type()) ? periodStart - p.value()
                    : (int) (periodStart * (1 - p.value() / 100.0));
            result = min ? Math.max(result, proposed) : Math.min(result, proposed);
        }
        return result;
    }

    private static List<ScalingPolicy> policies(ScalingRules rules) {
        return rules.policies() == null ? List.of() : rules.policies();
    }

    // the replica count at the start of the policy period: undo recent scale-ups, add back recent scale-downs
    private static int periodStart(int current, List<History.ScaleEvent> upEvents,
            List<History.ScaleEvent> downEvents, int periodSeconds, Instant now) {
        return current - changeInPeriod(periodSeconds, upEvents, now) + changeInPeriod(periodSeconds, downEvents, now);
    }

    /** getReplicasChangePerPeriod: events strictly after now - period. */
    public static int changeInPeriod(int periodSeconds, List<History.ScaleEvent> events, Instant now) {
        Instant cutoff = now.minusSeconds(periodSeconds);
        int sum = 0;
        for (History.ScaleEvent e : events) {
            if (e.timestamp().isAfter(cutoff)) {
                sum += e.replicaChange();
            }
        }
        return sum;
    }
}
