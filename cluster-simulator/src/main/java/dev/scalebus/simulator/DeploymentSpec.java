package dev.scalebus.simulator;

import dev.scalebus.simulator.podmetrics.MetricsEndpoint;
import dev.scalebus.simulator.workload.LoadProfile;
import dev.scalebus.simulator.workload.WorkloadSpec;
import java.util.List;
import java.util.Objects;

/**
 * A Deployment the simulator creates at start, with its load model.
 *
 * @param containers the pod template's containers; the first one serves the traffic
 * @param metrics    the application metrics endpoint every pod serves (announced by prometheus.io/* annotations on
 *                   the pod template); null = none
 */
public record DeploymentSpec(String namespace, String name, int replicas, List<ContainerSpec> containers,
        WorkloadSpec workload, LoadProfile profile, MetricsEndpoint metrics) {

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

    /** Without an application metrics endpoint. */
    public DeploymentSpec(String namespace, String name, int replicas, List<ContainerSpec> containers,
            WorkloadSpec workload, LoadProfile profile) {
        this(namespace, name, replicas, containers, workload, profile, null);
    }

    /** The same deployment, its pods serving application metrics at {@code endpoint}. */
    public DeploymentSpec withMetrics(MetricsEndpoint endpoint) {
        return new DeploymentSpec(namespace, name, replicas, containers, workload, profile, endpoint);
    }

    /** One container named after the deployment. */
    public static DeploymentSpec of(String namespace, String name, int replicas, String cpuRequest,
            String memoryRequest, WorkloadSpec workload, LoadProfile profile) {
        return new DeploymentSpec(namespace, name, replicas, List.of(ContainerSpec.of(name, cpuRequest, memoryRequest)),
                workload, profile);
    }
}
