package dev.scalebus.collector.kube;

import dev.scalebus.collector.config.CollectorConfig;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Watches Nodes with an informer (full objects, no resync, {@code node-selector} applied server-side as
 * metrics-server does) and answers which nodes this shard scrapes and where.
 */
@ApplicationScoped
public class NodeDiscovery {

    private static final Logger LOG = Logger.getLogger(NodeDiscovery.class);

    private final KubernetesClient client;
    private final CollectorConfig config;
    private final NodeAddressChooser chooser;
    private final ShardAssignment shard;
    private final PathAnnotationGuard pathGuard = new PathAnnotationGuard();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile SharedIndexInformer<Node> informer;

    public NodeDiscovery(KubernetesClient client, CollectorConfig config) {
        this(client, config, null);
    }

    @Inject
    public NodeDiscovery(KubernetesClient client, CollectorConfig config, MeterRegistry registry) {
        this.client = client;
        this.config = config;
        this.chooser = new NodeAddressChooser(config.kubeletPreferredAddressTypes(), config.kubeletPort(),
                config.kubeletUseNodeStatusPort(), config.scrapePath(), pathGuard);
        if (registry != null) {
            FunctionCounter.builder("scalebus.collector.node.path.annotations.ignored", pathGuard,
                    PathAnnotationGuard::ignoredAnnotations)
                    .description("Node resource-metrics-path annotations refused (each node and value once)")
                    .register(registry);
        }
        int index = config.shardIndex().orElseGet(() -> config.shardCount() > 1
                ? ShardAssignment.ordinalOf(System.getenv("HOSTNAME")) : 0);
        this.shard = new ShardAssignment(index, config.shardCount());
    }

    void start(@Observes @Priority(10) StartupEvent event) {
        Informable<Node> nodes = config.nodeSelector().isPresent()
                ? client.nodes().withLabelSelector(config.nodeSelector().get())
                : client.nodes();
        informer = nodes.runnableInformer(0).exceptionHandler(InformerRetry.forever("nodes"));
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Node node) {
                listeners.forEach(Runnable::run);
            }

            @Override
            public void onUpdate(Node before, Node after) {
                // a node's name, hence its shard, never changes
            }

            @Override
            public void onDelete(Node node, boolean finalStateUnknown) {
                pathGuard.forget(node.getMetadata().getName());
                listeners.forEach(Runnable::run);
            }
        });
        informer.start();
        LOG.infof("watching nodes (selector %s) as shard %d of %d", config.nodeSelector().orElse("<all>"),
                shard.index(), shard.count());
    }

    /** The nodes this shard scrapes, sorted by name; empty until the informer has listed once. */
    public List<NodeTarget> targets() {
        SharedIndexInformer<Node> current = informer;
        if (current == null) {
            return List.of();
        }
        return current.getStore().list().stream()
                .filter(n -> shard.owns(n.getMetadata().getName()))
                .map(chooser::target)
                .sorted(Comparator.comparing(NodeTarget::nodeName))
                .toList();
    }

    /** The names of the nodes this shard owns (what the informer holds now). */
    public Set<String> ownedNodeNames() {
        SharedIndexInformer<Node> current = informer;
        if (current == null) {
            return Set.of();
        }
        return current.getStore().listKeys().stream().filter(shard::owns).collect(Collectors.toSet());
    }

    /** Runs {@code listener} (on the informer thread) whenever a node appears or goes away. */
    public void onNodesChanged(Runnable listener) {
        listeners.add(listener);
    }

    public boolean synced() {
        SharedIndexInformer<Node> current = informer;
        return current != null && current.hasSynced();
    }

    public ShardAssignment shard() {
        return shard;
    }

    @PreDestroy
    void stop() {
        if (informer != null) {
            informer.close();
        }
    }
}
