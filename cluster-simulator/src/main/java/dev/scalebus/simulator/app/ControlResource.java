package dev.scalebus.simulator.app;

import dev.scalebus.simulator.NodeEndpoint;
import dev.scalebus.simulator.SimulatedCluster;
import dev.scalebus.simulator.kubelet.KubeletBehaviour;
import dev.scalebus.simulator.workload.DeploymentWorkload;
import dev.scalebus.simulator.workload.SimPod;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.List;

/** A small control API over the running simulated cluster (nodes, load, restarts, kubelet and pod metrics faults). */
@Path("/simulator")
@Produces(MediaType.APPLICATION_JSON)
public class ControlResource {

    public record Info(String apiServerUrl, String kubeconfig, String kubeletCaFile, String frontProxyCaFile,
            int nodes) {
    }

    public record DeploymentView(String namespace, String name, double requestsPerSecond, int readyPods,
            List<String> pods) {
    }

    public record LoadRequest(Double requestsPerSecond) {
    }

    public record BehaviourRequest(String behaviour) {
    }

    /** How far the kubelets' clocks are off, in seconds (negative = behind). */
    public record ClockOffset(Long seconds) {
    }

    private final SimulatorLifecycle lifecycle;

    public ControlResource(SimulatorLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @GET
    public Info info() {
        SimulatedCluster c = lifecycle.cluster();
        return new Info(c.apiServerUrl(), c.kubeconfig().toString(), c.kubeletCaFile().toString(),
                c.frontProxyCaFile().toString(), c.nodes().size());
    }

    @GET
    @Path("/nodes")
    public List<NodeEndpoint> nodes() {
        return lifecycle.cluster().nodes();
    }

    @GET
    @Path("/deployments/{namespace}/{name}")
    public DeploymentView deployment(@PathParam("namespace") String namespace, @PathParam("name") String name) {
        SimulatedCluster c = lifecycle.cluster();
        DeploymentWorkload w = c.workload(namespace, name);
        return new DeploymentView(namespace, name, c.requestRate(namespace, name), w.readyPods(),
                w.pods().stream().map(SimPod::name).toList());
    }

    @PUT
    @Path("/deployments/{namespace}/{name}/load")
    public DeploymentView setLoad(@PathParam("namespace") String namespace, @PathParam("name") String name,
            LoadRequest request) {
        if (request == null || request.requestsPerSecond() == null || request.requestsPerSecond() < 0) {
            throw new BadRequestException("requestsPerSecond: required, a number >= 0");
        }
        lifecycle.cluster().setRequestRate(namespace, name, request.requestsPerSecond());
        return deployment(namespace, name);
    }

    @POST
    @Path("/pods/{namespace}/{pod}/containers/{container}/restart")
    public void restart(@PathParam("namespace") String namespace, @PathParam("pod") String pod,
            @PathParam("container") String container) {
        lifecycle.cluster().restartContainer(namespace, pod, container);
    }

    @PUT
    @Path("/nodes/{name}/kubelet")
    public void kubelet(@PathParam("name") String name, BehaviourRequest request) {
        lifecycle.cluster().kubeletBehaviour(name, behaviour(request));
    }

    @GET
    @Path("/kubelet-clock-offset")
    public ClockOffset kubeletClockOffset() {
        return new ClockOffset(lifecycle.cluster().kubeletClockOffset().toSeconds());
    }

    /** Skews every kubelet's clock in the times it reports (collector clock-skew faults); 0 sets them right. */
    @PUT
    @Path("/kubelet-clock-offset")
    public ClockOffset kubeletClockOffset(ClockOffset request) {
        if (request == null || request.seconds() == null || Math.abs(request.seconds()) > 86_400) {
            throw new BadRequestException("seconds: required, between -86400 and 86400");
        }
        lifecycle.cluster().kubeletClockOffset(Duration.ofSeconds(request.seconds()));
        return kubeletClockOffset();
    }

    @PUT
    @Path("/pods/{namespace}/{pod}/metrics")
    public void podMetrics(@PathParam("namespace") String namespace, @PathParam("pod") String pod,
            BehaviourRequest request) {
        lifecycle.cluster().podMetricsBehaviour(namespace, pod, behaviour(request));
    }

    private static KubeletBehaviour behaviour(BehaviourRequest request) {
        if (request == null || request.behaviour() == null) {
            throw new BadRequestException("behaviour: required, one of " + List.of(KubeletBehaviour.values()));
        }
        try {
            return KubeletBehaviour.valueOf(request.behaviour());
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("behaviour: one of " + List.of(KubeletBehaviour.values()));
        }
    }
}
