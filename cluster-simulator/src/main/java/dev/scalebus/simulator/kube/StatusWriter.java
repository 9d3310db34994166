package dev.scalebus.simulator.kube;

import dev.scalebus.simulator.workload.SimPod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ReplicaSet and Deployment status as their controllers compute it: replicas counts active (non-terminating)
 * pods, readyReplicas and availableReplicas the ready ones (minReadySeconds 0). Written only on change.
 */
final class StatusWriter {

    private StatusWriter() {
    }

    static void write(KubeStore store, Deployment d, DeploymentState s, int desired) {
        String ns = d.getMetadata().getNamespace();
        String rsName = s.replicaSet.getMetadata().getName();
        List<SimPod> active = s.placement.keySet().stream().filter(p -> !p.terminating()).toList();
        int replicas = active.size();
        int ready = (int) active.stream().filter(SimPod::ready).count();
        if (s.lastReplicaSetReplicas != desired) {
            store.patch(ReplicaSet.class, ns, rsName, "{\"spec\":{\"replicas\":" + desired + "}}");
            s.lastReplicaSetReplicas = desired;
        }
        Map<String, Object> rsStatus = new LinkedHashMap<>();
        rsStatus.put("replicas", replicas);
        rsStatus.put("fullyLabeledReplicas", replicas);
        rsStatus.put("readyReplicas", ready);
        rsStatus.put("availableReplicas", ready);
        rsStatus.put("observedGeneration", 1);
        if (!rsStatus.toString().equals(s.lastReplicaSetStatus)) {
            store.putStatus(s.replicaSet, rsStatus);
            s.lastReplicaSetStatus = rsStatus.toString();
        }
        Long generation = d.getMetadata().getGeneration();
        String now = KubeObjects.rfc(Instant.now());
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("observedGeneration", generation == null ? 1 : generation);
        status.put("replicas", replicas);
        status.put("updatedReplicas", replicas);
        status.put("readyReplicas", ready);
        status.put("availableReplicas", ready);
        status.put("unavailableReplicas", Math.max(0, replicas - ready));
        // maxUnavailable defaults to 25% rounded down (deployment util MaxUnavailable)
        boolean available = ready >= desired - desired / 4;
        String key = status.toString() + available;
        if (!key.equals(s.lastDeploymentStatus)) {
            status.put("conditions", List.of(
                    Map.of("type", "Available", "status", available ? "True" : "False",
                            "reason", available ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
                            "lastUpdateTime", now, "lastTransitionTime", now),
                    Map.of("type", "Progressing", "status", "True", "reason", "NewReplicaSetAvailable",
                            "message", "ReplicaSet \"" + rsName + "\" has successfully progressed.",
                            "lastUpdateTime", now, "lastTransitionTime", now)));
            store.putStatus(d, status);
            s.lastDeploymentStatus = key;
        }
    }
}
