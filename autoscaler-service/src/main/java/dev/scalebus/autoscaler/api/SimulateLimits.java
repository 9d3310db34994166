package dev.scalebus.autoscaler.api;

import dev.scalebus.autoscaler.controller.AutoscalerConfig;
import dev.scalebus.autoscaler.hpa.HpaSpec;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The caps on one what-if request ({@code scalebus.autoscaler.simulate.*}), checked on the parsed request before
 * any step runs: over a count cap is 400 naming the field, the limit and its setting. The work of a request grows
 * with steps × pods × metrics; the wall-time cap ({@link Simulator}) bounds what the counts still allow.
 */
public record SimulateLimits(long maxBodyBytes, int maxSteps, int maxPods, int maxMetrics, Duration maxWallTime) {

    public static SimulateLimits of(AutoscalerConfig.Simulate s) {
        return new SimulateLimits(s.maxBodyBytes(), s.maxSteps(), s.maxPods(), s.maxMetrics(), s.maxWallTime());
    }

    /** Throws 400 for the first count over its cap. */
    public void check(SimulateRequest r) {
        cap("steps", r.steps(), maxSteps, "max-steps");
        HpaSpec spec = r.spec() != null ? r.spec() : r.autoscaler() != null ? r.autoscaler().spec() : null;
        if (spec != null) {
            cap(r.spec() != null ? "spec.metrics" : "autoscaler.spec.metrics", spec.metrics(), maxMetrics,
                    "max-metrics");
        }
        cap("pods", r.pods(), maxPods, "max-pods");
        cap("otherSelectors", r.otherSelectors(), maxPods, "max-pods");
        if (r.history() != null) {
            cap("history.recommendations", r.history().recommendations(), maxSteps, "max-steps");
            cap("history.scaleUpEvents", r.history().scaleUpEvents(), maxSteps, "max-steps");
            cap("history.scaleDownEvents", r.history().scaleDownEvents(), maxSteps, "max-steps");
        }
        List<SimulateRequest.Step> steps = r.steps() == null ? List.of() : r.steps();
        for (int i = 0; i < steps.size(); i++) {
            SimulateRequest.Step s = steps.get(i);
            if (s == null) {
                continue;
            }
            String path = "steps[" + i + "]";
            cap(path + ".pods", s.pods(), maxPods, "max-pods");
            SimulateRequest.Metrics m = s.metrics();
            if (m != null) {
                metrics(path + ".metrics", m);
            }
        }
    }

    private void metrics(String path, SimulateRequest.Metrics m) {
        if (m.resource() != null) {
            cap(path + ".resource.pods", m.resource().pods(), maxPods, "max-pods");
        }
        for (Map<String, ?> source : new Map[] {m.pods(), m.object(), m.external()}) {
            if (source != null && source.size() > maxMetrics) {
                throw over(path, source.size(), maxMetrics, "metric reads", "max-metrics");
            }
        }
        if (m.pods() != null) {
            m.pods().forEach((name, v) -> {
                if (v != null && v.values() != null && v.values().size() > maxPods) {
                    throw over(path + ".pods." + name + ".values", v.values().size(), maxPods, "values",
                            "max-pods");
                }
            });
        }
        if (m.external() != null) {
            m.external().forEach((name, v) -> {
                if (v != null) {
                    cap(path + ".external." + name + ".values", v.values(), maxPods, "max-pods");
                }
            });
        }
    }

    private static void cap(String field, Collection<?> items, int max, String setting) {
        if (items != null && items.size() > max) {
            throw over(field, items.size(), max, "items", setting);
        }
    }

    private static BadInputException over(String field, int count, int max, String what, String setting) {
        return new BadInputException(field, "has " + count + " " + what + ", over the limit of " + max
                + " (scalebus.autoscaler.simulate." + setting + ")");
    }
}
