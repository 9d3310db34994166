package dev.scalebus.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What no API server checks but decides whether a release works: references between the rendered objects. A
 * Service or PodDisruptionBudget that selects no workload, a Service target port that no selected container
 * declares (no endpoints), a ServiceAccount or ConfigMap that is not rendered (pods are never created, or stay in
 * CreateContainerConfigError). Secrets are left out: production takes them from the operator.
 */
final class References {

    private References() {
    }

    /** LabelSelector semantics (matchLabels and In, NotIn, Exists, DoesNotExist expressions). */
    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        Map<String, String> l = labels == null ? Map.of() : labels;
        if (selector.getMatchLabels() != null && !selector.getMatchLabels().entrySet().stream()
                .allMatch(e -> e.getValue().equals(l.get(e.getKey())))) {
            return false;
        }
        List<LabelSelectorRequirement> expressions = selector.getMatchExpressions() == null ? List.of()
                : selector.getMatchExpressions();
        return expressions.stream().allMatch(r -> switch (r.getOperator()) {
            case "In" -> r.getValues().contains(l.get(r.getKey()));
            case "NotIn" -> !r.getValues().contains(l.get(r.getKey()));
            case "Exists" -> l.containsKey(r.getKey());
            case "DoesNotExist" -> !l.containsKey(r.getKey());
            default -> false;
        });
    }

    static List<String> check(List<HasMetadata> objects) {
        List<String> errors = new ArrayList<>();
        Map<HasMetadata, PodTemplateSpec> workloads = objects.stream()
                .filter(o -> o instanceof Deployment || o instanceof StatefulSet)
                .collect(Collectors.toMap(o -> o, o -> o instanceof Deployment d ? d.getSpec().getTemplate()
                        : ((StatefulSet) o).getSpec().getTemplate()));
        Set<String> present = objects.stream().map(Manifests::id).collect(Collectors.toSet());
        for (HasMetadata o : objects) {
            String ns = o.getMetadata().getNamespace();
            LabelSelector selector = o instanceof Service s && s.getSpec().getSelector() != null
                    ? new LabelSelector(null, s.getSpec().getSelector())
                    : o instanceof PodDisruptionBudget pdb ? pdb.getSpec().getSelector() : null;
            if (selector != null) {
                List<PodTemplateSpec> selected = workloads.entrySet().stream()
                        .filter(w -> Objects.equals(w.getKey().getMetadata().getNamespace(), ns))
                        .filter(w -> selects(selector, w.getValue().getMetadata().getLabels()))
                        .map(Map.Entry::getValue).toList();
                if (selected.isEmpty()) {
                    errors.add(Manifests.id(o) + ": spec.selector selects no rendered workload");
                }
                if (o instanceof Service s) {
                    targetPorts(s, selected, errors);
                }
            }
        }
        // a NetworkPolicy that selects no rendered pod protects nothing (a typo in its selector leaves pods open)
        objects.stream().filter(o -> o instanceof io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy)
                .map(o -> (io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy) o)
                .filter(np -> workloads.entrySet().stream()
                        .filter(w -> Objects.equals(w.getKey().getMetadata().getNamespace(),
                                np.getMetadata().getNamespace()))
                        .noneMatch(w -> selects(np.getSpec().getPodSelector(), w.getValue().getMetadata().getLabels())))
                .forEach(np -> errors.add(Manifests.id(np) + ": spec.podSelector selects no rendered workload"));
        workloads.forEach((w, template) -> {
            String ns = w.getMetadata().getNamespace();
            var spec = template.getSpec();
            String account = spec.getServiceAccountName();
            if (account != null && !present.contains("ServiceAccount/" + ns + "/" + account)) {
                errors.add(Manifests.id(w) + ": serviceAccountName " + account + " is not rendered");
            }
            configMaps(spec).filter(name -> !present.contains("ConfigMap/" + ns + "/" + name))
                    .forEach(name -> errors.add(Manifests.id(w) + ": ConfigMap " + name + " is not rendered"));
        });
        return errors;
    }

    /** A named target port must be declared by a container of every selected pod (EndpointSlice controller). */
    private static void targetPorts(Service s, List<PodTemplateSpec> selected, List<String> errors) {
        for (ServicePort port : s.getSpec().getPorts()) {
            String name = port.getTargetPort() == null ? null : port.getTargetPort().getStrVal();
            for (PodTemplateSpec t : name == null ? List.<PodTemplateSpec>of() : selected) {
                boolean declared = t.getSpec().getContainers().stream().map(Container::getPorts)
                        .filter(Objects::nonNull).flatMap(List::stream).anyMatch(cp -> name.equals(cp.getName()));
                if (!declared) {
                    errors.add(Manifests.id(s) + ": targetPort " + name + " is no container port of the selected pods");
                }
            }
        }
    }

    /** ConfigMaps a pod cannot start without (volumes, envFrom, configMapKeyRef; optional ones left out). */
    private static Stream<String> configMaps(io.fabric8.kubernetes.api.model.PodSpec spec) {
        Stream<String> volumes = spec.getVolumes() == null ? Stream.empty() : spec.getVolumes().stream()
                .map(v -> v.getConfigMap()).filter(c -> c != null && !Boolean.TRUE.equals(c.getOptional()))
                .map(c -> c.getName());
        Stream<String> env = spec.getContainers().stream().flatMap(c -> Stream.concat(
                c.getEnvFrom() == null ? Stream.empty() : c.getEnvFrom().stream().map(e -> e.getConfigMapRef())
                        .filter(r -> r != null && !Boolean.TRUE.equals(r.getOptional())).map(r -> r.getName()),
                c.getEnv() == null ? Stream.empty() : c.getEnv().stream()
                        .map(e -> e.getValueFrom() == null ? null : e.getValueFrom().getConfigMapKeyRef())
                        .filter(r -> r != null && !Boolean.TRUE.equals(r.getOptional())).map(r -> r.getName())));
        return Stream.concat(volumes, env).distinct();
    }
}
