package dev.scalebus.autoscaler.kube;

import dev.scalebus.autoscaler.hpa.HpaSpec;
import dev.scalebus.autoscaler.hpa.ScaleView;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scale of Deployments, StatefulSets and ReplicaSets through the workload object (spec.replicas, status.replicas,
 * spec.selector), which is what their /scale subresource exposes.
 */
@ApplicationScoped
public class KubeTargetScaler implements TargetScaler {

    private final KubernetesClient client;

    public KubeTargetScaler(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public ScaleView read(String ns, HpaSpec.TargetRef t) {
        try {
            return switch (t.kind()) {
                case "Deployment" -> view(client.apps().deployments().inNamespace(ns).withName(t.name()).get(), t);
                case "StatefulSet" -> view(client.apps().statefulSets().inNamespace(ns).withName(t.name()).get(), t);
                case "ReplicaSet" -> view(client.apps().replicaSets().inNamespace(ns).withName(t.name()).get(), t);
                default -> throw new IllegalStateException("unsupported scale target kind " + t.kind());
            };
        } catch (KubernetesClientException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static ScaleView view(Object o, HpaSpec.TargetRef t) {
        if (o == null) {
            throw new IllegalStateException(t.kind().toLowerCase() + "s \"" + t.name() + "\" not found");
        }
        if (o instanceof Deployment d) {
            return new ScaleView(orZero(d.getSpec().getReplicas()),
                    d.getStatus() == null ? 0 : orZero(d.getStatus().getReplicas()), selector(d.getSpec().getSelector()));
        }
        if (o instanceof StatefulSet s) {
            return new ScaleView(orZero(s.getSpec().getReplicas()),
                    s.getStatus() == null ? 0 : orZero(s.getStatus().getReplicas()), selector(s.getSpec().getSelector()));
        }
        ReplicaSet r = (ReplicaSet) o;
        return new ScaleView(orZero(r.getSpec().getReplicas()),
                r.getStatus() == null ? 0 : orZero(r.getStatus().getReplicas()), selector(r.getSpec().getSelector()));
    }

    @Override
    public String write(String ns, HpaSpec.TargetRef t, int replicas) {
        try {
            switch (t.kind()) {
                case "Deployment" -> client.apps().deployments().inNamespace(ns).withName(t.name())
                        .edit(d -> { d.getSpec().setReplicas(replicas); return d; });
                case "StatefulSet" -> client.apps().statefulSets().inNamespace(ns).withName(t.name())
                        .edit(s -> { s.getSpec().setReplicas(replicas); return s; });
                case "ReplicaSet" -> client.apps().replicaSets().inNamespace(ns).withName(t.name())
                        .edit(r -> { r.getSpec().setReplicas(replicas); return r; });
                default -> {
                    return "unsupported scale target kind " + t.kind();
                }
            }
            return null;
        } catch (KubernetesClientException e) {
            return e.getMessage();
        }
    }

    /** The selector in string form, as Scale.status.selector. */
    static String selector(LabelSelector s) {
        if (s == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        if (s.getMatchLabels() != null) {
            for (Map.Entry<String, String> e : new java.util.TreeMap<>(s.getMatchLabels()).entrySet()) {
                parts.add(e.getKey() + "=" + e.getValue());
            }
        }
        if (s.getMatchExpressions() != null) {
            for (LabelSelectorRequirement r : s.getMatchExpressions()) {
                parts.add(switch (r.getOperator()) {
                    case "In" -> r.getKey() + " in (" + String.join(",", r.getValues()) + ")";
                    case "NotIn" -> r.getKey() + " notin (" + String.join(",", r.getValues()) + ")";
                    case "Exists" -> r.getKey();
                    default -> "!" + r.getKey();
                });
            }
        }
        return String.join(",", parts);
    }

    private static int orZero(Integer i) {
        return i == null ? 0 : i;
    }
}
