package dev.scalebus.collector.kube;

import dev.scalebus.collector.config.CollectorConfig;
import io.fabric8.kubernetes.client.KubernetesClient;

/** Starts the collector's real informers outside CDI (tests in other packages). */
public final class SimulatedAppPods implements AutoCloseable {

    private final NodeDiscovery nodes;
    private final PodDirectory pods;

    public SimulatedAppPods(KubernetesClient client, CollectorConfig config) {
        nodes = new NodeDiscovery(client, config);
        pods = new PodDirectory(client, nodes);
        nodes.start(null);
        pods.start(null);
    }

    public PodDirectory pods() {
        return pods;
    }

    @Override
    public void close() {
        pods.stop();
        nodes.stop();
    }
}
