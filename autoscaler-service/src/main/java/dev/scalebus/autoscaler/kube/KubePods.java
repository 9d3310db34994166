package dev.scalebus.autoscaler.kube;

import dev.scalebus.autoscaler.hpa.PodInfo;
import dev.scalebus.events.Quantity;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pods of a namespace as the HPA controller's pod lister sees them: from a pod informer once it has synced,
 * from a plain list before that.
 */
@ApplicationScoped
public class KubePods {

    private final KubernetesClient client;
    private SharedIndexInformer<Pod> informer;

    public KubePods(KubernetesClient client) {
        this.client = client;
    }

    private synchronized SharedIndexInformer<Pod> informer() {
        if (informer == null) {
            informer = client.pods().inAnyNamespace().runnableInformer(0);
            informer.start();
        }
        return informer;
    }

    public List<PodInfo> list(String namespace) {
        SharedIndexInformer<Pod> inf = informer();
        List<Pod> pods = inf.hasSynced() ? inf.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace)
                : client.pods().inNamespace(namespace).list().getItems();
        List<PodInfo> out = new ArrayList<>();
        for (Pod p : pods) {
            out.add(toInfo(p));
        }
        return out;
    }

    @PreDestroy
    synchronized void stop() {
        if (informer != null) {
            informer.close();
        }
    }

    static PodInfo toInfo(Pod p) {
        Boolean ready = null;
        Instant transition = null;
        String phase = null;
        Instant start = null;
        if (p.getStatus() != null) {
            phase = p.getStatus().getPhase();
            start = time(p.getStatus().getStartTime());
            for (PodCondition c : p.getStatus().getConditions() == null ? List.<PodCondition>of()
                    : p.getStatus().getConditions()) {
                if ("Ready".equals(c.getType())) {
                    ready = "True".equals(c.getStatus());
                    transition = time(c.getLastTransitionTime());
                }
            }
        }
        List<PodInfo.ContainerInfo> containers = new ArrayList<>();
        if (p.getSpec() != null) {
            for (Container c : p.getSpec().getContainers()) {
                containers.add(new PodInfo.ContainerInfo(c.getName(), false, false, requests(c)));
            }
            for (Container c : p.getSpec().getInitContainers() == null ? List.<Container>of()
                    : p.getSpec().getInitContainers()) {
                boolean sidecar = "Always".equals(c.getRestartPolicy());
                containers.add(new PodInfo.ContainerInfo(c.getName(), sidecar, !sidecar, requests(c)));
            }
        }
        return new PodInfo(p.getMetadata().getName(), phase, ready, transition, start,
                p.getMetadata().getDeletionTimestamp() != null,
                p.getMetadata().getLabels() == null ? Map.of() : p.getMetadata().getLabels(), containers);
    }

    private static Map<String, Quantity> requests(Container c) {
        Map<String, Quantity> out = new HashMap<>();
        if (c.getResources() != null && c.getResources().getRequests() != null) {
            c.getResources().getRequests().forEach((k, v) -> out.put(k, Quantity.parse(v.toString())));
        }
        return out;
    }

    private static Instant time(String s) {
        return s == null || s.isBlank() ? null : Instant.parse(s);
    }
}
