package dev.scalebus.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Finds the scalebus workloads, their containers and env in a list of rendered objects. */
final class Workloads {

    private Workloads() {
    }

    /** The pod template of a Deployment or StatefulSet; null for any other object. */
    static PodTemplateSpec templateOf(HasMetadata o) {
        return o instanceof Deployment d ? d.getSpec().getTemplate()
                : o instanceof StatefulSet s ? s.getSpec().getTemplate() : null;
    }

    static PodTemplateSpec template(List<HasMetadata> objects, String name) {
        return objects.stream().filter(o -> o.getMetadata().getName().equals(name)).map(Workloads::templateOf)
                .filter(t -> t != null).findFirst().orElseThrow(() -> new AssertionError("no workload " + name));
    }

    static Container container(List<HasMetadata> objects, String name) {
        return template(objects, name).getSpec().getContainers().get(0);
    }

    static EnvVar envVar(Container c, String name) {
        return c.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(c.getName() + " has no env " + name));
    }

    /** The literal value of an env variable (fails when the container lacks it). */
    static String env(Container c, String name) {
        return envVar(c, name).getValue();
    }

    static Map<String, ClusterRole> clusterRoles(List<HasMetadata> objects) {
        return objects.stream().filter(ClusterRole.class::isInstance).map(ClusterRole.class::cast)
                .collect(Collectors.toMap(r -> r.getMetadata().getName(), r -> r));
    }
}
