package dev.scalebus.collector.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;

/**
 * Watches every Pod (full objects: labels, owner, status and container resources travel in the events) so a
 * scrape can be enriched without a lookup per pod. One cluster-wide informer even when sharded: a per-node field
 * selector would need one watch per node.
 */
@ApplicationScoped
public class PodDirectory {

    private final KubernetesClient client;
    private volatile SharedIndexInformer<Pod> informer;

    public PodDirectory(KubernetesClient client) {
        this.client = client;
    }

    void start(@Observes @Priority(10) StartupEvent event) {
        informer = client.pods().inAnyNamespace().runnableInformer(0).exceptionHandler(InformerRetry.forever("pods"));
        informer.start();
    }

    /** What the API server knows of a pod, if the informer has it. */
    public Optional<PodInfo> lookup(String namespace, String name) {
        SharedIndexInformer<Pod> current = informer;
        if (current == null) {
            return Optional.empty();
        }
        Pod pod = current.getStore().getByKey(namespace + "/" + name);
        return Optional.ofNullable(pod).map(PodInfos::from);
    }

    public boolean synced() {
        SharedIndexInformer<Pod> current = informer;
        return current != null && current.hasSynced();
    }

    @PreDestroy
    void stop() {
        if (informer != null) {
            informer.close();
        }
    }
}
