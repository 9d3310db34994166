package dev.scalebus.collector.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Watches Pods (full objects: labels, owner, status and container resources travel in the events, annotations say
 * which pods to scrape for custom metrics) so a scrape can be enriched without a lookup per pod. Unsharded: one
 * cluster-wide informer, as metrics-server has. Sharded (shard-count &gt; 1): one informer per owned node with field
 * selector {@code spec.nodeName=<node>}, as each kubelet watches its own pods, created and closed as nodes appear,
 * go away or move shard, so a replica holds only its own nodes' pods in memory.
 */
@ApplicationScoped
public class PodDirectory {

    private static final Logger LOG = Logger.getLogger(PodDirectory.class);

    private final KubernetesClient client;
    private final NodeDiscovery nodes;
    private final boolean perNode;
    private final Map<String, SharedIndexInformer<Pod>> byNode = new ConcurrentHashMap<>();
    private volatile SharedIndexInformer<Pod> clusterWide;
    private volatile boolean stopped;

    public PodDirectory(KubernetesClient client, NodeDiscovery nodes) {
        this.client = client;
        this.nodes = nodes;
        this.perNode = nodes.shard().count() > 1;
    }

    void start(@Observes @Priority(11) StartupEvent event) {
        if (!perNode) {
            clusterWide = client.pods().inAnyNamespace().runnableInformer(0)
                    .exceptionHandler(InformerRetry.forever("pods"));
            clusterWide.start();
            return;
        }
        LOG.infof("watching pods per owned node (field selector spec.nodeName) as shard %d of %d",
                nodes.shard().index(), nodes.shard().count());
        nodes.onNodesChanged(this::reconcile);
        reconcile();
    }

    /** Opens an informer for every owned node that lacks one and closes those of nodes no longer owned. */
    synchronized void reconcile() {
        if (stopped) {
            return;
        }
        Set<String> owned = nodes.ownedNodeNames();
        for (String node : new HashSet<>(byNode.keySet())) {
            if (!owned.contains(node)) {
                byNode.remove(node).close();
                LOG.debugf("closed the pod informer of node %s", node);
            }
        }
        for (String node : owned) {
            byNode.computeIfAbsent(node, n -> {
                SharedIndexInformer<Pod> informer = client.pods().inAnyNamespace().withField("spec.nodeName", n)
                        .runnableInformer(0).exceptionHandler(InformerRetry.forever("pods of node " + n));
                informer.start();
                return informer;
            });
        }
    }

    /** What the API server knows of a pod on {@code node}, if the informer has it. */
    public Optional<PodInfo> lookup(String node, String namespace, String name) {
        SharedIndexInformer<Pod> informer = perNode ? byNode.get(node) : clusterWide;
        if (informer == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(informer.getStore().getByKey(namespace + "/" + name)).map(PodInfos::from);
    }

    /** Every pod this replica holds (all pods unsharded, the owned nodes' pods sharded). */
    public List<Pod> pods() {
        if (!perNode) {
            SharedIndexInformer<Pod> current = clusterWide;
            return current == null ? List.of() : current.getStore().list();
        }
        List<Pod> pods = new ArrayList<>();
        byNode.values().forEach(informer -> pods.addAll(informer.getStore().list()));
        return pods;
    }

    /** The annotated application pods of this shard's nodes, with their scrape address or problem. */
    public List<AppPodTarget> appTargets() {
        ShardAssignment shard = nodes.shard();
        return pods().stream().map(AppPodTargets::of).flatMap(Optional::stream)
                .filter(t -> t.nodeName() != null && shard.owns(t.nodeName())).toList();
    }

    /** The nodes whose pods this replica watches with its own informer (empty unsharded). */
    public Set<String> watchedNodes() {
        return Set.copyOf(byNode.keySet());
    }

    public boolean synced() {
        if (!perNode) {
            SharedIndexInformer<Pod> current = clusterWide;
            return current != null && current.hasSynced();
        }
        return nodes.synced() && byNode.values().stream().allMatch(SharedIndexInformer::hasSynced);
    }

    @PreDestroy
    synchronized void stop() {
        stopped = true;
        if (clusterWide != null) {
            clusterWide.close();
        }
        byNode.values().forEach(SharedIndexInformer::close);
        byNode.clear();
    }
}
