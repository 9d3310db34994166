package dev.scalebus.simulator.kube;

import dev.scalebus.simulator.kubelet.SimNode;
import java.util.List;

/** Least-loaded placement by pod count: enough for a simulator (no resource fit, no affinity). */
public final class Scheduler {

    private final List<SimNode> nodes;

    public Scheduler(List<SimNode> nodes) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("the simulated cluster needs at least one node");
        }
        this.nodes = nodes;
    }

    public synchronized SimNode pick() {
        SimNode best = nodes.get(0);
        for (SimNode n : nodes) {
            if (n.pods().size() < best.pods().size()) {
                best = n;
            }
        }
        return best;
    }
}
