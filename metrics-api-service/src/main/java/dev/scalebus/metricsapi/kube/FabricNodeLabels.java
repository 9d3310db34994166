package dev.scalebus.metricsapi.kube;

import dev.scalebus.metricsapi.api.NodeLabels;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Node labels from a fabric8 informer on Nodes, as metrics-server's node lister. Started without waiting: if the
 * apiserver is unreachable (local run) nodes are served without labels and the informer keeps retrying.
 */
@ApplicationScoped
public class FabricNodeLabels implements NodeLabels {

    private static final Logger LOG = Logger.getLogger(FabricNodeLabels.class);

    private final KubernetesClient client;
    private volatile SharedIndexInformer<Node> informer;

    public FabricNodeLabels(KubernetesClient client) {
        this.client = client;
    }

    void start(@Observes StartupEvent event) {
        try {
            informer = client.nodes().runnableInformer(0);
            informer.start().whenComplete((ok, failure) -> {
                if (failure != null) {
                    LOG.infof("node informer not synced (%s): nodes are served without labels", failure.toString());
                }
            });
        } catch (RuntimeException e) {
            LOG.infof("node informer not started (%s): nodes are served without labels", e.toString());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        SharedIndexInformer<Node> i = informer;
        if (i != null) {
            i.close();
        }
    }

    @Override
    public Map<String, String> labels(String nodeName) {
        SharedIndexInformer<Node> i = informer;
        if (i == null) {
            return Map.of();
        }
        Node node = i.getStore().getByKey(nodeName);
        if (node == null || node.getMetadata().getLabels() == null) {
            return Map.of();
        }
        return new java.util.TreeMap<>(node.getMetadata().getLabels());
    }
}
