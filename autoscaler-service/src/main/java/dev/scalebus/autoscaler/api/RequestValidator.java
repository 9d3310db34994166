package dev.scalebus.autoscaler.api;

import dev.scalebus.autoscaler.hpa.Behavior;
import dev.scalebus.autoscaler.hpa.HpaSpec;
import dev.scalebus.autoscaler.hpa.LabelSelectors;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The checks the API server's validation would make, plus the what-if input's own; each names its field. */
final class RequestValidator {

    private RequestValidator() {
    }

    static HpaSpec spec(SimulateRequest r) {
        if (r.spec() != null) {
            return validSpec(r.spec(), "spec");
        }
        if (r.autoscaler() == null) {
            throw new BadInputException("autoscaler", "an autoscaler (or a spec) is required");
        }
        if (r.autoscaler().spec() == null) {
            throw new BadInputException("autoscaler.spec", "the autoscaler has no spec");
        }
        return validSpec(r.autoscaler().spec(), "autoscaler.spec");
    }

    static HpaSpec validSpec(HpaSpec s, String path) {
        if (s.maxReplicas() < 1) {
            throw new BadInputException(path + ".maxReplicas", "must be greater than or equal to 1");
        }
        if (s.minReplicas() != null && (s.minReplicas() < 0 || s.minReplicas() > s.maxReplicas())) {
            throw new BadInputException(path + ".minReplicas", "must be between 0 and maxReplicas");
        }
        for (int i = 0; i < s.metrics().size(); i++) {
            if (s.metrics().get(i) == null || s.metrics().get(i).type() == null) {
                throw new BadInputException(path + ".metrics[" + i + "].type", "is required");
            }
        }
        if (s.behavior() != null) {
            rules(s.behavior().scaleUp(), path + ".behavior.scaleUp");
            rules(s.behavior().scaleDown(), path + ".behavior.scaleDown");
        }
        return s;
    }

    private static void rules(Behavior.ScalingRules r, String path) {
        if (r == null) {
            return;
        }
        if (r.selectPolicy() != null && !List.of("Max", "Min", "Disabled").contains(r.selectPolicy())) {
            throw new BadInputException(path + ".selectPolicy", "must be one of Max, Min, Disabled");
        }
        if (r.stabilizationWindowSeconds() != null
                && (r.stabilizationWindowSeconds() < 0 || r.stabilizationWindowSeconds() > 3600)) {
            throw new BadInputException(path + ".stabilizationWindowSeconds", "must be between 0 and 3600");
        }
        if (r.tolerance() != null && r.tolerance().amount().signum() < 0) {
            throw new BadInputException(path + ".tolerance", "must not be negative");
        }
        List<Behavior.ScalingPolicy> policies = r.policies() == null ? List.of() : r.policies();
        for (int i = 0; i < policies.size(); i++) {
            Behavior.ScalingPolicy p = policies.get(i);
            String pp = path + ".policies[" + i + "]";
            if (!"Pods".equals(p.type()) && !"Percent".equals(p.type())) {
                throw new BadInputException(pp + ".type", "must be Pods or Percent");
            }
            if (p.value() <= 0) {
                throw new BadInputException(pp + ".value", "must be greater than 0");
            }
            if (p.periodSeconds() <= 0 || p.periodSeconds() > 1800) {
                throw new BadInputException(pp + ".periodSeconds", "must be between 1 and 1800");
            }
        }
    }

    static void scale(SimulateRequest.Scale s, String path) {
        if (s == null) {
            throw new BadInputException(path, "the target's scale subresource is required");
        }
        if (s.error() != null) {
            return;
        }
        if (s.specReplicas() == null || s.specReplicas() < 0) {
            throw new BadInputException(path + ".specReplicas", "is required and must not be negative");
        }
        if (s.statusReplicas() != null && s.statusReplicas() < 0) {
            throw new BadInputException(path + ".statusReplicas", "must not be negative");
        }
    }

    static void pods(List<SimulateRequest.Pod> pods, String path) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < pods.size(); i++) {
            SimulateRequest.Pod p = pods.get(i);
            if (p == null || p.name() == null || p.name().isBlank()) {
                throw new BadInputException(path + "[" + i + "].name", "is required");
            }
            if (!names.add(p.name())) {
                throw new BadInputException(path + "[" + i + "].name", "duplicate pod name '" + p.name() + "'");
            }
            if (p.phase() != null && !List.of("Pending", "Running", "Succeeded", "Failed", "Unknown")
                    .contains(p.phase())) {
                throw new BadInputException(path + "[" + i + "].phase",
                        "must be one of Pending, Running, Succeeded, Failed, Unknown");
            }
        }
    }

    static void selectors(List<String> selectors) {
        for (int i = 0; i < selectors.size(); i++) {
            try {
                LabelSelectors.parse(selectors.get(i));
            } catch (IllegalArgumentException e) {
                throw new BadInputException("otherSelectors[" + i + "]", e.getMessage());
            }
        }
    }
}
