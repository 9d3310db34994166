package dev.scalebus.history.store;

import dev.scalebus.events.OwnerReference;
import dev.scalebus.events.PodSample;
import java.util.Map;

/**
 * The workload a pod belongs to: its controlling owner, with a ReplicaSet made by a Deployment named after the
 * Deployment (the ReplicaSet is "deployment-name-" + pod-template-hash, and its pods carry that hash as the label
 * pod-template-hash, see upstream deployment controller's ReplicaSet naming). A bare pod is its own workload.
 *
 * @param kind e.g. Deployment, StatefulSet, DaemonSet, Job, ReplicaSet, Pod
 * @param name the workload's name
 */
public record Workload(String kind, String name) {

    static final String POD_TEMPLATE_HASH = "pod-template-hash";

    public static Workload of(PodSample pod) {
        return of(pod.name(), pod.owner(), pod.labels());
    }

    public static Workload of(String podName, OwnerReference owner, Map<String, String> labels) {
        if (owner == null) {
            return new Workload("Pod", podName);
        }
        if ("ReplicaSet".equals(owner.kind())) {
            String hash = labels.get(POD_TEMPLATE_HASH);
            String suffix = "-" + hash;
            if (hash != null && !hash.isEmpty() && owner.name().endsWith(suffix)
                    && owner.name().length() > suffix.length()) {
                return new Workload("Deployment", owner.name().substring(0, owner.name().length() - suffix.length()));
            }
        }
        return new Workload(owner.kind(), owner.name());
    }
}
