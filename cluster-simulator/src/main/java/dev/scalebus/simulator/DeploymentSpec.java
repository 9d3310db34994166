package dev.scalebus.simulator;

import dev.scalebus.simulator.workload.LoadProfile;
import dev.scalebus.simulator.workload.WorkloadSpec;
import java.util.List;
import java.util.Objects;

/**
 * A Deployment the simulator creates at start, with its load model.
 *
 * @param containers the pod template's containers; the first one serves the traffic
 */
public record DeploymentSpec(String namespace, String name, int replicas, List<ContainerSpec> containers,
        WorkloadSpec workload, LoadProfile profile) {

    /** Requests and limits as Kubernetes quantities ("50m", "200Mi"); null limit = none. */
    public record ContainerSpec(String name, String cpuRequest, String memoryRequest, String cpuLimit,
            String memoryLimit) {
        public ContainerSpec {
            Objects.requireNonNull(name, "container name");
        }

        public static ContainerSpec of(String name, String cpuRequest, String memoryRequest) {
            return new ContainerSpec(name, cpuRequest, memoryRequest, null, null);
        }
    }

    public DeploymentSpec {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        if (replicas < 0) {
            throw new IllegalArgumentException("replicas must be >= 0, got " + replicas);
        }
        if (containers == null || containers.isEmpty()) {
            throw new IllegalArgumentException("deployment " + namespace + "/" + name + " needs a container");
        }
        containers = List.copyOf(containers);
        workload = workload == null ? WorkloadSpec.DEFAULT : workload;
        profile = profile == null ? new LoadProfile.Constant(0) : profile;
    }

    /** One container named after the deployment. */
    public static DeploymentSpec of(String namespace, String name, int replicas, String cpuRequest,
            String memoryRequest, WorkloadSpec workload, LoadProfile profile) {
        return new DeploymentSpec(namespace, name, replicas, List.of(ContainerSpec.of(name, cpuRequest, memoryRequest)),
                workload, profile);
    }
}
