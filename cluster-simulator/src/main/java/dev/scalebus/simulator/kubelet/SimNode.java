package dev.scalebus.simulator.kubelet;

import dev.scalebus.simulator.workload.PodUsage;
import dev.scalebus.simulator.workload.SimPod;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A simulated node: its kubelet's address and the pods bound to it. The node CPU counter is the kubelet's own
 * overhead plus every pod's counter plus what pods that are gone used (so it never goes backwards).
 */
public final class SimNode {

    /** CPU and memory of the kubelet and system daemons, on top of the pods. */
    public static final long KUBELET_OVERHEAD_MILLICORES = 30;
    public static final long SYSTEM_MEMORY_BYTES = 400L << 20;

    private final String name;
    private final InetAddress address;
    private volatile int kubeletPort;
    private final long capacityMillicores;
    private final long capacityMemoryBytes;
    private final Instant startTime;
    private final List<SimPod> pods = new CopyOnWriteArrayList<>();
    private final AtomicLong retiredPodsCoreNanos = new AtomicLong();
    private volatile KubeletBehaviour behaviour = KubeletBehaviour.NORMAL;

    public SimNode(String name, InetAddress address, int kubeletPort, long capacityMillicores, long capacityMemoryBytes,
            Instant startTime) {
        this.name = name;
        this.address = address;
        this.kubeletPort = kubeletPort;
        this.capacityMillicores = capacityMillicores;
        this.capacityMemoryBytes = capacityMemoryBytes;
        this.startTime = startTime;
    }

    public String name() {
        return name;
    }

    /** The kubelet's (and the node's InternalIP) address, a loopback address. */
    public InetAddress address() {
        return address;
    }

    public int kubeletPort() {
        return kubeletPort;
    }

    /** Set once the kubelet listens (a port of 0 asks for a free one). */
    public void kubeletPort(int port) {
        this.kubeletPort = port;
    }

    public long capacityMillicores() {
        return capacityMillicores;
    }

    public long capacityMemoryBytes() {
        return capacityMemoryBytes;
    }

    public Instant startTime() {
        return startTime;
    }

    public List<SimPod> pods() {
        return pods;
    }

    public KubeletBehaviour behaviour() {
        return behaviour;
    }

    public void behaviour(KubeletBehaviour newBehaviour) {
        this.behaviour = newBehaviour;
    }

    public void addPod(SimPod pod) {
        pods.add(pod);
    }

    /** The pod goes away; what it used stays in the node's counter. */
    public void removePod(SimPod pod, Instant now) {
        if (pods.remove(pod)) {
            retiredPodsCoreNanos.addAndGet(pod.sample(now).cpuUsageCoreNanoSeconds());
        }
    }

    public NodeSnapshot sample(Instant now) {
        List<PodUsage> usages = new ArrayList<>(pods.size());
        long podsCpu = retiredPodsCoreNanos.get();
        long podsRate = 0;
        long podsMemory = 0;
        for (SimPod pod : pods) {
            PodUsage u = pod.sample(now);
            usages.add(u);
            podsCpu += u.cpuUsageCoreNanoSeconds();
            podsRate += u.cpuUsageNanoCores();
            podsMemory += u.memoryWorkingSetBytes();
        }
        long upNanos = Math.max(0, Duration.between(startTime, now).toNanos());
        long kubeletCpu = (long) (upNanos * (KUBELET_OVERHEAD_MILLICORES / 1000.0));
        long kubeletRate = KUBELET_OVERHEAD_MILLICORES * 1_000_000;
        return new NodeSnapshot(this, now, usages, podsCpu + kubeletCpu, podsRate + kubeletRate,
                podsMemory + SYSTEM_MEMORY_BYTES, podsCpu, podsRate, podsMemory, kubeletCpu, kubeletRate);
    }
}
