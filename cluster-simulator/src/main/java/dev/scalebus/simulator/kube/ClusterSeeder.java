package dev.scalebus.simulator.kube;

import dev.scalebus.simulator.DeploymentSpec;
import dev.scalebus.simulator.SimulatorSettings;
import dev.scalebus.simulator.kubelet.SimNode;
import dev.scalebus.simulator.workload.SimContainer;
import dev.scalebus.simulator.workload.SimPod;
import dev.scalebus.simulator.workload.UsageModel;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Fills the fresh API server: namespaces, nodes, per-node filler pods and the scenario's deployments. */
public final class ClusterSeeder {

    public static final String FILLER_NAMESPACE = "sim-system";

    private ClusterSeeder() {
    }

    public static void seed(KubeStore store, SimulatorSettings settings, List<SimNode> nodes, Instant now,
            PodRegistry ips) {
        Set<String> namespaces = new LinkedHashSet<>(List.of("default", "kube-system"));
        if (settings.podsPerNode() > 0) {
            namespaces.add(FILLER_NAMESPACE);
        }
        settings.deployments().forEach(d -> namespaces.add(d.namespace()));
        for (String ns : namespaces) {
            store.create(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata()
                    .withNewStatus().withPhase("Active").endStatus().build());
        }
        for (SimNode node : nodes) {
            store.create(KubeObjects.node(node));
            for (int i = 0; i < settings.podsPerNode(); i++) {
                SimPod pod = fillerPod(node, i, now);
                node.addPod(pod);
                pod.markReady(now);
                if (settings.fillerPodsInApi()) {
                    pod.uid(store.create(fillerApiPod(pod, node, ips.ipOf(pod, node))).getMetadata().getUid());
                }
            }
        }
        for (DeploymentSpec d : settings.deployments()) {
            store.create(deployment(d));
        }
    }

    /** Filler pods: steady, different small loads (5-44 millicores, 30-157 MiB), like node-local daemons. */
    private static SimPod fillerPod(SimNode node, int index, Instant now) {
        int seed = Math.floorMod((node.name() + "/" + index).hashCode(), 40);
        long millicores = 5 + seed;
        long workingSet = (30L + seed * 3L) << 20;
        String name = "filler-" + node.name() + "-" + index;
        List<SimContainer> containers = List.of(new SimContainer("app", 50, 0, 64L << 20, now));
        return new SimPod(FILLER_NAMESPACE, name, UUID.randomUUID().toString(), node.name(),
                Map.of("app", "filler", "scalebus.dev/node", node.name()), containers, now,
                UsageModel.constant(millicores, workingSet));
    }

    private static Pod fillerApiPod(SimPod pod, SimNode node, String ip) {
        Container container = new ContainerBuilder().withName("app").withImage("registry.local/filler:sim")
                .withNewResources().addToRequests("cpu", new Quantity("50m")).addToRequests("memory", new Quantity("64Mi"))
                .endResources().build();
        return new PodBuilder().withNewMetadata().withName(pod.name()).withNamespace(pod.namespace())
                .withUid(pod.uid()).withLabels(pod.labels()).withCreationTimestamp(KubeObjects.rfc(pod.startTime()))
                .endMetadata()
                .withNewSpec().withNodeName(node.name()).withContainers(container).endSpec()
                .withStatus(KubeObjects.podStatus(pod, node, ip)).build();
    }

    public static Deployment deployment(DeploymentSpec d) {
        Map<String, String> labels = new HashMap<>(Map.of("app", d.name()));
        List<Container> containers = d.containers().stream().map(c -> {
            ContainerBuilder b = new ContainerBuilder().withName(c.name()).withImage("registry.local/" + c.name() + ":sim");
            var resources = b.withNewResources();
            if (c.cpuRequest() != null) {
                resources.addToRequests("cpu", new Quantity(c.cpuRequest()));
            }
            if (c.memoryRequest() != null) {
                resources.addToRequests("memory", new Quantity(c.memoryRequest()));
            }
            if (c.cpuLimit() != null) {
                resources.addToLimits("cpu", new Quantity(c.cpuLimit()));
            }
            if (c.memoryLimit() != null) {
                resources.addToLimits("memory", new Quantity(c.memoryLimit()));
            }
            return resources.endResources().build();
        }).toList();
        return new DeploymentBuilder().withNewMetadata().withName(d.name()).withNamespace(d.namespace())
                .withLabels(labels).endMetadata()
                .withNewSpec().withReplicas(d.replicas())
                .withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels)
                .withAnnotations(d.metrics() == null ? null : d.metrics().annotations()).endMetadata()
                .withNewSpec().withContainers(containers).endSpec().endTemplate()
                .endSpec().build();
    }
}
