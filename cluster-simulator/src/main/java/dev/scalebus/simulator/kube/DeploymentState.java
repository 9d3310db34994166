package dev.scalebus.simulator.kube;

import dev.scalebus.simulator.kubelet.SimNode;
import dev.scalebus.simulator.podmetrics.MetricsEndpoint;
import dev.scalebus.simulator.workload.DeploymentWorkload;
import dev.scalebus.simulator.workload.SimContainer;
import dev.scalebus.simulator.workload.SimPod;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the simulator's Deployment + ReplicaSet controller remembers about one Deployment. */
final class DeploymentState {

    final String uid;
    final DeploymentWorkload workload;
    final ReplicaSet replicaSet;
    final String templateHash;
    final List<Container> containers;
    /** The pod template's annotations, copied to every pod (as the ReplicaSet controller does). */
    final Map<String, String> podAnnotations;
    /** The application metrics endpoint the annotations announce; null = the pods serve none. */
    final MetricsEndpoint metrics;
    final Map<SimPod, SimNode> placement = new HashMap<>();
    String lastDeploymentStatus = "";
    String lastReplicaSetStatus = "";
    int lastReplicaSetReplicas = -1;

    DeploymentState(String uid, DeploymentWorkload workload, ReplicaSet replicaSet, String templateHash,
            List<Container> containers, Map<String, String> podAnnotations) {
        this.uid = uid;
        this.workload = workload;
        this.replicaSet = replicaSet;
        this.templateHash = templateHash;
        this.containers = containers;
        this.podAnnotations = podAnnotations == null ? Map.of() : Map.copyOf(podAnnotations);
        this.metrics = MetricsEndpoint.fromAnnotations(this.podAnnotations);
    }

    SimPod newPod(Deployment d, SimNode node, Instant now, String nameSuffix) {
        String name = replicaSet.getMetadata().getName() + "-" + nameSuffix;
        Map<String, String> labels = new HashMap<>(d.getSpec().getTemplate().getMetadata().getLabels());
        labels.put("pod-template-hash", templateHash);
        List<SimContainer> simContainers = new ArrayList<>();
        for (Container c : containers) {
            simContainers.add(new SimContainer(c.getName(), millicores(c.getResources(), true),
                    millicores(c.getResources(), false), bytes(c.getResources()), now));
        }
        return new SimPod(d.getMetadata().getNamespace(), name, UUID.randomUUID().toString(), node.name(), labels,
                simContainers, now, workload);
    }

    private static long millicores(ResourceRequirements r, boolean request) {
        Map<String, Quantity> m = r == null ? null : request ? r.getRequests() : r.getLimits();
        Quantity q = m == null ? null : m.get("cpu");
        return q == null ? 0 : Quantity.getAmountInBytes(q).multiply(BigDecimal.valueOf(1000)).longValue();
    }

    private static long bytes(ResourceRequirements r) {
        Quantity q = r == null || r.getRequests() == null ? null : r.getRequests().get("memory");
        return q == null ? 0 : Quantity.getAmountInBytes(q).longValue();
    }
}
