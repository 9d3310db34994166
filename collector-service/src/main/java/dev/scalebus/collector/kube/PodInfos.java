package dev.scalebus.collector.kube;

import dev.scalebus.events.OwnerReference;
import dev.scalebus.events.Quantity;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns a fabric8 Pod into a {@link PodInfo}. */
public final class PodInfos {

    private PodInfos() {
    }

    public static PodInfo from(Pod pod) {
        List<PodInfo.ContainerSpec> containers = new ArrayList<>();
        if (pod.getSpec() != null) {
            for (Container c : nullSafe(pod.getSpec().getInitContainers())) {
                if ("Always".equals(c.getRestartPolicy())) {
                    containers.add(spec(c, true));
                }
            }
            for (Container c : nullSafe(pod.getSpec().getContainers())) {
                containers.add(spec(c, false));
            }
        }
        OwnerReference owner = nullSafe(pod.getMetadata().getOwnerReferences()).stream()
                .filter(o -> Boolean.TRUE.equals(o.getController()))
                .findFirst().map(o -> new OwnerReference(o.getKind(), o.getName())).orElse(null);
        PodCondition ready = pod.getStatus() == null ? null : nullSafe(pod.getStatus().getConditions()).stream()
                .filter(c -> "Ready".equals(c.getType())).findFirst().orElse(null);
        return new PodInfo(pod.getMetadata().getUid(),
                pod.getSpec() == null ? null : pod.getSpec().getNodeName(),
                pod.getMetadata().getLabels(), owner,
                pod.getStatus() == null ? null : pod.getStatus().getPhase(),
                ready == null ? null : "True".equals(ready.getStatus()),
                ready == null ? null : time(ready.getLastTransitionTime()),
                pod.getStatus() == null ? null : time(pod.getStatus().getStartTime()),
                pod.getMetadata().getDeletionTimestamp() != null,
                containers);
    }

    private static PodInfo.ContainerSpec spec(Container c, boolean sidecar) {
        ResourceRequirements r = c.getResources();
        Map<String, io.fabric8.kubernetes.api.model.Quantity> requests = r == null ? null : r.getRequests();
        Map<String, io.fabric8.kubernetes.api.model.Quantity> limits = r == null ? null : r.getLimits();
        return new PodInfo.ContainerSpec(c.getName(), sidecar,
                milli(requests, "cpu"), milli(limits, "cpu"), bytes(requests, "memory"), bytes(limits, "memory"));
    }

    private static Long milli(Map<String, io.fabric8.kubernetes.api.model.Quantity> values, String resource) {
        Quantity q = quantity(values, resource);
        return q == null ? null : q.milliValue();
    }

    private static Long bytes(Map<String, io.fabric8.kubernetes.api.model.Quantity> values, String resource) {
        Quantity q = quantity(values, resource);
        return q == null ? null : q.value();
    }

    private static Quantity quantity(Map<String, io.fabric8.kubernetes.api.model.Quantity> values, String resource) {
        io.fabric8.kubernetes.api.model.Quantity q = values == null ? null : values.get(resource);
        if (q == null) {
            return null;
        }
        try {
            return Quantity.parse(q.getFormat() == null ? q.getAmount() : q.getAmount() + q.getFormat());
        } catch (IllegalArgumentException e) {
            return null; // the API server validates quantities; an unparsable one is reported as unset
        }
    }

    private static Instant time(String rfc3339) {
        return rfc3339 == null || rfc3339.isEmpty() ? null : OffsetDateTime.parse(rfc3339).toInstant();
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }
}
