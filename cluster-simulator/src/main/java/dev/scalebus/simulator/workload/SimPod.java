package dev.scalebus.simulator.workload;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** A simulated pod as the kubelet sees it; readiness and deletion are set by the controller. */
public final class SimPod {

    private final String namespace;
    private final String name;
    private volatile String uid;
    private final String nodeName;
    private final Map<String, String> labels;
    private final List<SimContainer> containers;
    private final Instant startTime;
    private final UsageModel model;
    private final AtomicLong retiredCoreNanos = new AtomicLong();
    private volatile boolean ready;
    private volatile Instant readyTransitionTime;
    private volatile Instant deletionTime;

    public SimPod(String namespace, String name, String uid, String nodeName, Map<String, String> labels,
            List<SimContainer> containers, Instant startTime, UsageModel model) {
        this.namespace = namespace;
        this.name = name;
        this.uid = uid;
        this.nodeName = nodeName;
        this.labels = Map.copyOf(labels);
        this.containers = List.copyOf(containers);
        this.startTime = startTime;
        this.model = model;
        this.readyTransitionTime = startTime;
    }

    public String namespace() {
        return namespace;
    }

    public String name() {
        return name;
    }

    public String uid() {
        return uid;
    }

    /** The API server assigns the uid on create; the kubelet then reports that one in podRef. */
    public void uid(String assigned) {
        this.uid = assigned;
    }

    public String nodeName() {
        return nodeName;
    }

    public Map<String, String> labels() {
        return labels;
    }

    public List<SimContainer> containers() {
        return containers;
    }

    public Instant startTime() {
        return startTime;
    }

    public UsageModel model() {
        return model;
    }

    public boolean ready() {
        return ready;
    }

    public Instant readyTransitionTime() {
        return readyTransitionTime;
    }

    public boolean terminating() {
        return deletionTime != null;
    }

    public Instant deletionTime() {
        return deletionTime;
    }

    /** Integrates every container up to {@code now} under the current pod state; call before changing it. */
    public void advanceTo(Instant now) {
        containers.forEach(c -> c.advanceTo(this, now));
    }

    public void markReady(Instant now) {
        if (!ready) {
            ready = true;
            readyTransitionTime = now;
        }
    }

    public void markTerminating(Instant now) {
        if (deletionTime == null) {
            ready = false;
            readyTransitionTime = now;
            deletionTime = now;
        }
    }

    public SimContainer container(String containerName) {
        return containers.stream().filter(c -> c.name().equals(containerName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "pod " + namespace + "/" + name + " has no container " + containerName));
    }

    /** Restarts one container; the pod's cgroup keeps the CPU the old container used. */
    public synchronized void restartContainer(String containerName, Instant now) {
        retiredCoreNanos.addAndGet(container(containerName).restart(this, now));
    }

    public synchronized PodUsage sample(Instant now) {
        List<ContainerUsage> usages = new ArrayList<>(containers.size());
        long cpuTotal = retiredCoreNanos.get();
        long rate = 0;
        long memory = 0;
        for (SimContainer c : containers) {
            ContainerUsage u = c.sample(this, now);
            usages.add(u);
            cpuTotal += u.cpuUsageCoreNanoSeconds();
            rate += u.cpuUsageNanoCores();
            memory += u.memoryWorkingSetBytes();
        }
        return new PodUsage(this, startTime, usages, cpuTotal, rate, memory);
    }
}
