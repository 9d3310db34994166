package dev.scalebus.simulator.kube;

import dev.scalebus.simulator.kubelet.RfcTime;
import dev.scalebus.simulator.kubelet.SimNode;
import dev.scalebus.simulator.workload.SimContainer;
import dev.scalebus.simulator.workload.SimPod;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The API objects the simulator writes, shaped like the ones real controllers and kubelets write. */
public final class KubeObjects {

    private KubeObjects() {
    }

    public static Node node(SimNode n) {
        String cpu = n.capacityMillicores() % 1000 == 0 ? String.valueOf(n.capacityMillicores() / 1000)
                : n.capacityMillicores() + "m";
        String memory = (n.capacityMemoryBytes() / 1024) + "Ki";
        Map<String, Quantity> capacity = Map.of("cpu", new Quantity(cpu), "memory", new Quantity(memory),
                "pods", new Quantity("110"));
        String ip = n.address().getHostAddress();
        return new NodeBuilder()
                .withNewMetadata().withName(n.name())
                .addToLabels("kubernetes.io/hostname", n.name()).addToLabels("kubernetes.io/os", "linux")
                .addToLabels("kubernetes.io/arch", "amd64").addToLabels("scalebus.dev/simulated", "true")
                .endMetadata()
                .withNewSpec().withPodCIDR(podCidr(n)).endSpec()
                .withNewStatus()
                .addNewAddress().withType("InternalIP").withAddress(ip).endAddress()
                .addNewAddress().withType("Hostname").withAddress(n.name()).endAddress()
                .withNewDaemonEndpoints().withNewKubeletEndpoint().withPort(n.kubeletPort()).endKubeletEndpoint()
                .endDaemonEndpoints()
                .withCapacity(capacity).withAllocatable(capacity)
                .addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady")
                .withMessage("kubelet is posting ready status")
                .withLastHeartbeatTime(RfcTime.format(n.startTime()))
                .withLastTransitionTime(RfcTime.format(n.startTime())).endCondition()
                .withNewNodeInfo().withKubeletVersion("v1.32.4").withKubeProxyVersion("v1.32.4")
                .withContainerRuntimeVersion("containerd://1.7.27").withOperatingSystem("linux")
                .withArchitecture("amd64").withOsImage("scalebus simulated node").withKernelVersion("6.1.0")
                .withMachineID(n.name()).withSystemUUID(n.name()).withBootID(n.name()).endNodeInfo()
                .endStatus()
                .build();
    }

    private static String podCidr(SimNode n) {
        byte[] a = n.address().getAddress();
        return "10." + (a[2] & 0xff) + "." + (a[3] & 0xff) + ".0/24";
    }

    public static ReplicaSet replicaSet(Deployment d, String name, String templateHash, int replicas) {
        return new ReplicaSetBuilder()
                .withNewMetadata().withName(name).withNamespace(d.getMetadata().getNamespace())
                .addToLabels(d.getSpec().getTemplate().getMetadata().getLabels())
                .addToLabels("pod-template-hash", templateHash)
                .addToAnnotations("deployment.kubernetes.io/revision", "1")
                .withOwnerReferences(controllerRef("apps/v1", "Deployment", d.getMetadata().getName(),
                        d.getMetadata().getUid()))
                .endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewSelector().addToMatchLabels(d.getSpec().getSelector().getMatchLabels())
                .addToMatchLabels("pod-template-hash", templateHash).endSelector()
                .withNewTemplateLike(d.getSpec().getTemplate()).editOrNewMetadata()
                .addToLabels("pod-template-hash", templateHash).endMetadata().endTemplate()
                .endSpec().build();
    }

    public static OwnerReference controllerRef(String apiVersion, String kind, String name, String uid) {
        return new OwnerReferenceBuilder().withApiVersion(apiVersion).withKind(kind).withName(name).withUid(uid)
                .withController(true).withBlockOwnerDeletion(true).build();
    }

    public static Pod pod(SimPod p, ReplicaSet owner, List<Container> containers, Map<String, String> annotations,
            SimNode node, String podIp) {
        return new PodBuilder()
                .withNewMetadata().withName(p.name()).withNamespace(p.namespace()).withUid(p.uid())
                .withLabels(p.labels()).withAnnotations(annotations.isEmpty() ? null : annotations)
                .withCreationTimestamp(RfcTime.format(p.startTime()))
                .withOwnerReferences(controllerRef("apps/v1", "ReplicaSet", owner.getMetadata().getName(),
                        owner.getMetadata().getUid()))
                .endMetadata()
                .withNewSpec().withNodeName(node.name()).withContainers(containers)
                .withRestartPolicy("Always").withTerminationGracePeriodSeconds(30L).endSpec()
                .withStatus(podStatus(p, node, podIp))
                .build();
    }

    /** Phase Running, with Ready/ContainersReady following the simulated readiness (as the kubelet's status manager). */
    public static PodStatus podStatus(SimPod p, SimNode node, String podIp) {
        String started = RfcTime.format(p.startTime());
        String ready = p.ready() ? "True" : "False";
        String transition = RfcTime.format(p.readyTransitionTime());
        List<PodCondition> conditions = List.of(
                condition("PodReadyToStartContainers", "True", started),
                condition("Initialized", "True", started),
                condition("Ready", ready, transition),
                condition("ContainersReady", ready, transition),
                condition("PodScheduled", "True", started));
        List<ContainerStatus> statuses = new ArrayList<>();
        for (SimContainer c : p.containers()) {
            statuses.add(new ContainerStatusBuilder().withName(c.name()).withReady(p.ready()).withStarted(true)
                    .withRestartCount(c.restartCount()).withImage("registry.local/" + c.name() + ":sim")
                    .withImageID("registry.local/" + c.name() + "@sha256:0")
                    .withContainerID("containerd://" + p.uid().replace("-", "") + c.name())
                    .withNewState().withNewRunning().withStartedAt(RfcTime.format(c.startTime())).endRunning()
                    .endState().build());
        }
        return new PodStatusBuilder().withPhase("Running").withConditions(conditions)
                .withHostIP(node.address().getHostAddress()).withPodIP(podIp)
                .addNewPodIP().withIp(podIp).endPodIP()
                .withStartTime(started).withQosClass("Burstable").withContainerStatuses(statuses).build();
    }

    private static PodCondition condition(String type, String status, String transition) {
        return new PodConditionBuilder().withType(type).withStatus(status).withLastTransitionTime(transition).build();
    }

    public static String rfc(Instant instant) {
        return RfcTime.format(instant);
    }
}
