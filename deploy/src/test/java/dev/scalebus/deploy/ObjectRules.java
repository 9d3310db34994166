package dev.scalebus.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The API server's validation of one object, kind by kind, as kubernetes v1.32 words it: object names and labels
 * (ValidateObjectMeta with the kind's name rule), Deployment and StatefulSet specs (pkg/apis/apps/validation:
 * selector required and matching the template labels, replicas, podManagementPolicy, then the pod template through
 * {@link PodSpecRules}), Services (ValidateService: ports, target ports, selector labels), PodDisruptionBudgets
 * (pkg/apis/policy/validation), NetworkPolicies ({@link NetworkPolicyRules}), ConfigMap keys, CRD and APIService
 * names. Only what scalebus' manifests use.
 */
final class ObjectRules {

    private ObjectRules() {
    }

    static List<String> validate(HasMetadata o) {
        Problems p = new Problems();
        metadata(o, p);
        if (o instanceof Deployment d) {
            workload(d.getSpec().getReplicas(), d.getSpec().getSelector(), d.getSpec().getTemplate(), Set.of(), p);
        } else if (o instanceof StatefulSet s) {
            Set<String> claims = s.getSpec().getVolumeClaimTemplates() == null ? Set.of()
                    : s.getSpec().getVolumeClaimTemplates().stream().map(c -> c.getMetadata().getName())
                            .collect(Collectors.toSet());
            workload(s.getSpec().getReplicas(), s.getSpec().getSelector(), s.getSpec().getTemplate(), claims, p);
            String policy = s.getSpec().getPodManagementPolicy();
            if (policy != null && !policy.equals("OrderedReady") && !policy.equals("Parallel")) {
                p.add("spec.podManagementPolicy", "Unsupported value: \"" + policy + "\"");
            }
        } else if (o instanceof Service s) {
            service(s, p);
        } else if (o instanceof PodDisruptionBudget pdb) {
            if (pdb.getSpec().getMinAvailable() != null && pdb.getSpec().getMaxUnavailable() != null) {
                p.add("spec", "Invalid value: minAvailable and maxUnavailable cannot be both set");
            }
            labels(pdb.getSpec().getSelector() == null ? null : pdb.getSpec().getSelector().getMatchLabels(),
                    "spec.selector.matchLabels", p);
        } else if (o instanceof io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy np) {
            NetworkPolicyRules.validate(np, p);
        } else if (o instanceof ConfigMap c && c.getData() != null) {
            c.getData().keySet().forEach(k -> p.check("data[" + k + "]", Names.configMapKey(k)));
        }
        return p.list();
    }

    /** The name rule of each kind's ValidateObjectMeta call. */
    private static Function<String, String> nameRule(HasMetadata o) {
        if (o instanceof Namespace) {
            return Names::dns1123Label; // ValidateNamespaceName
        }
        if (o instanceof Service) {
            return Names::dns1035Label; // ValidateServiceName
        }
        if (o instanceof StatefulSet) {
            return Names::dns1123Label; // ValidateStatefulSetName: a DNS-1123 label in recent releases
        }
        if (o.getApiVersion().startsWith("rbac.authorization.k8s.io/")) {
            return Names::pathSegment; // ValidateRBACName
        }
        if (o instanceof CustomResourceDefinition crd) {
            String expected = crd.getSpec().getNames().getPlural() + "." + crd.getSpec().getGroup();
            return n -> n.equals(expected) ? null : "must be spec.names.plural+\".\"+spec.group";
        }
        if (o instanceof GenericKubernetesResource g && g.getKind().equals("APIService")) {
            Map<String, Object> spec = g.get("spec");
            String expected = spec == null ? null : spec.get("version") + "." + spec.get("group");
            return n -> n.equals(expected) ? null : "must be spec.version+\".\"+spec.group";
        }
        return Names::dns1123Subdomain;
    }

    private static void metadata(HasMetadata o, Problems p) {
        var meta = o.getMetadata();
        if (meta == null || meta.getName() == null || meta.getName().isEmpty()) {
            p.add("metadata.name", "Required value: name or generateName is required");
            return;
        }
        p.check("metadata.name", nameRule(o).apply(meta.getName()));
        if (meta.getNamespace() != null) {
            p.check("metadata.namespace", Names.dns1123Label(meta.getNamespace()));
        }
        labels(meta.getLabels(), "metadata.labels", p);
        if (meta.getAnnotations() != null) {
            meta.getAnnotations().keySet().forEach(k -> p.check("metadata.annotations", Names.qualifiedName(k)));
        }
    }

    /** ValidateLabels. */
    static void labels(Map<String, String> labels, String path, Problems p) {
        if (labels != null) {
            labels.forEach((k, v) -> {
                p.check(path, Names.qualifiedName(k));
                p.check(path + "[" + k + "]", Names.labelValue(v));
            });
        }
    }

    /** ValidateDeploymentSpec / ValidateStatefulSetSpec, the parts shared by both. */
    private static void workload(Integer replicas, LabelSelector selector, PodTemplateSpec template,
            Set<String> claimVolumes, Problems p) {
        if (replicas != null && replicas < 0) {
            p.add("spec.replicas", "Invalid value: " + replicas + ": must be greater than or equal to 0");
        }
        if (selector == null || (selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
                && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty())) {
            p.add("spec.selector", "Invalid value: empty selector is invalid");
            return;
        }
        labels(selector.getMatchLabels(), "spec.selector.matchLabels", p);
        Map<String, String> templateLabels = template.getMetadata() == null ? null
                : template.getMetadata().getLabels();
        labels(templateLabels, "spec.template.metadata.labels", p);
        if (!References.selects(selector, templateLabels)) {
            p.add("spec.template.metadata.labels", "Invalid value: `selector` does not match template `labels`");
        }
        String restart = template.getSpec().getRestartPolicy();
        if (restart != null && !restart.equals("Always")) {
            p.add("spec.template.spec.restartPolicy", "Unsupported value: \"" + restart + "\": supported values:"
                    + " \"Always\"");
        }
        // ValidatePodTemplateSpecForStatefulSet leaves the pod spec to the pods' own validation: the StatefulSet is
        // stored, and then every pod the controller creates is refused (FailedCreate). Same rules, found earlier.
        PodSpecRules.validate(template.getSpec(), claimVolumes, "spec.template.spec", p);
    }

    /** ValidateService: ports (names required when several, unique, in range), target ports, selector labels. */
    private static void service(Service s, Problems p) {
        List<ServicePort> ports = s.getSpec().getPorts() == null ? List.of() : s.getSpec().getPorts();
        if (ports.isEmpty() && !"None".equals(s.getSpec().getClusterIP())) {
            p.add("spec.ports", "Required value");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            ServicePort port = ports.get(i);
            String pp = "spec.ports[" + i + "]";
            if (ports.size() > 1 && (port.getName() == null || port.getName().isEmpty())) {
                p.add(pp + ".name", "Required value");
            } else if (port.getName() != null && !port.getName().isEmpty()) {
                p.check(pp + ".name", Names.dns1123Label(port.getName()));
                if (!names.add(port.getName())) {
                    p.add(pp + ".name", "Duplicate value: \"" + port.getName() + "\"");
                }
            }
            p.check(pp + ".port", Names.portNumber(port.getPort()));
            IntOrString target = port.getTargetPort();
            if (target != null && target.getIntVal() != null) {
                p.check(pp + ".targetPort", Names.portNumber(target.getIntVal()));
            } else if (target != null && target.getStrVal() != null) {
                p.check(pp + ".targetPort", Names.portName(target.getStrVal()));
            }
        }
        labels(s.getSpec().getSelector(), "spec.selector", p);
    }
}
