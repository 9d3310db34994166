package dev.scalebus.simulator.kube;

import dev.scalebus.simulator.kubelet.SimNode;
import dev.scalebus.simulator.workload.SimPod;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pod IPs: from each node's pod CIDR (10.x.y.0/24 as in {@link KubeObjects#node}), unless the pod serves an
 * application metrics endpoint, which is reachable only at the loopback address it was bound to ({@link #assign}).
 */
public final class PodRegistry {

    private final Map<String, String> ips = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> nextHost = new ConcurrentHashMap<>();

    public String ipOf(SimPod pod, SimNode node) {
        return ips.computeIfAbsent(pod.namespace() + "/" + pod.name(), key -> {
            byte[] a = node.address().getAddress();
            int host = nextHost.computeIfAbsent(node.name(), n -> new AtomicInteger(1)).getAndIncrement() % 253 + 2;
            return "10." + (a[2] & 0xff) + "." + (a[3] & 0xff) + "." + host;
        });
    }

    /** The pod's IP is the loopback address its metrics endpoint listens on. */
    public void assign(SimPod pod, String ip) {
        ips.put(pod.namespace() + "/" + pod.name(), ip);
    }

    public void release(SimPod pod) {
        ips.remove(pod.namespace() + "/" + pod.name());
    }
}
