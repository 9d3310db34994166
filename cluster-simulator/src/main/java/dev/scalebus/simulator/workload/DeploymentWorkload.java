package dev.scalebus.simulator.workload;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The load model of one Deployment: the request rate (a profile over time-compressed scenario time) is spread
 * evenly over the READY pods; pods that are still starting burn {@code startupMillicores} and get no traffic;
 * terminating pods idle. The first container of a pod serves the traffic, other containers (sidecars) idle.
 */
public final class DeploymentWorkload implements UsageModel {

    private static final long SIDECAR_WORKING_SET_BYTES = 8L << 20;

    private final String namespace;
    private final String name;
    private final Instant timelineStart;
    private final double timeCompression;
    private final List<SimPod> pods = new CopyOnWriteArrayList<>();
    private volatile WorkloadSpec spec;
    private volatile LoadProfile profile;
    private volatile int readyPods;

    public DeploymentWorkload(String namespace, String name, WorkloadSpec spec, LoadProfile profile,
            Instant timelineStart, double timeCompression) {
        if (timeCompression <= 0) {
            throw new IllegalArgumentException("timeCompression must be > 0, got " + timeCompression);
        }
        this.namespace = namespace;
        this.name = name;
        this.spec = spec;
        this.profile = profile;
        this.timelineStart = timelineStart;
        this.timeCompression = timeCompression;
    }

    public String namespace() {
        return namespace;
    }

    public String name() {
        return name;
    }

    public WorkloadSpec spec() {
        return spec;
    }

    public LoadProfile profile() {
        return profile;
    }

    public List<SimPod> pods() {
        return pods;
    }

    public int readyPods() {
        return readyPods;
    }

    /** Seconds on the scenario timeline: wall time since start times the compression factor. */
    public double simSeconds(Instant at) {
        return Duration.between(timelineStart, at).toNanos() / 1e9 * timeCompression;
    }

    public double requestsPerSecond(Instant at) {
        return Math.max(0, profile.requestsPerSecond(simSeconds(at)));
    }

    /** Replaces the profile; counters are first integrated under the old one. */
    public void setProfile(LoadProfile newProfile, Instant now) {
        advanceAll(now);
        this.profile = newProfile;
    }

    public void setSpec(WorkloadSpec newSpec, Instant now) {
        advanceAll(now);
        this.spec = newSpec;
    }

    public void addPod(SimPod pod, Instant now) {
        advanceAll(now);
        pods.add(pod);
        recount();
    }

    public void removePod(SimPod pod, Instant now) {
        advanceAll(now);
        pods.remove(pod);
        recount();
    }

    public void markReady(SimPod pod, Instant now) {
        advanceAll(now);
        pod.markReady(now);
        recount();
    }

    public void markTerminating(SimPod pod, Instant now) {
        advanceAll(now);
        pod.markTerminating(now);
        recount();
    }

    private void advanceAll(Instant now) {
        pods.forEach(p -> p.advanceTo(now));
    }

    private void recount() {
        readyPods = (int) pods.stream().filter(SimPod::ready).count();
    }

    /** Requests per second each ready pod serves at {@code at}. */
    public double requestsPerSecondPerReadyPod(Instant at) {
        int ready = readyPods;
        return ready == 0 ? 0 : requestsPerSecond(at) / ready;
    }

    @Override
    public double cpuNanoCores(SimPod pod, SimContainer container, Instant at) {
        WorkloadSpec s = spec;
        boolean main = pod.containers().get(0) == container;
        double millicores;
        if (pod.terminating() || !main) {
            millicores = s.idleMillicores();
        } else if (!pod.ready()) {
            millicores = s.startupMillicores();
        } else {
            millicores = s.idleMillicores() + requestsPerSecondPerReadyPod(at) * s.cpuMillicoreSecondsPerRequest();
        }
        return millicores * 1e6;
    }

    /** The first container of a ready, not terminating pod serves its share; nothing else serves traffic. */
    @Override
    public double requestsPerSecond(SimPod pod, SimContainer container, Instant at) {
        boolean serving = pod.ready() && !pod.terminating() && pod.containers().get(0) == container;
        return serving ? requestsPerSecondPerReadyPod(at) : 0;
    }

    @Override
    public long memoryWorkingSetBytes(SimPod pod, SimContainer container, Instant at) {
        WorkloadSpec s = spec;
        if (pod.containers().get(0) != container) {
            return SIDECAR_WORKING_SET_BYTES;
        }
        double rps = pod.ready() && !pod.terminating() ? requestsPerSecondPerReadyPod(at) : 0;
        return s.memoryBaseBytes() + (long) (rps * s.memoryBytesPerRps());
    }
}
