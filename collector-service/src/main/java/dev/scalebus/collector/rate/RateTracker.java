package dev.scalebus.collector.rate;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps, per node and per container on it, the previous cumulative CPU point and turns each new point into a
 * rate. Unlike metrics-server's storage (which rebuilds its maps from every batch) state is per node, so a node
 * that fails one scrape keeps its points; a container absent from a node's latest answer is forgotten, and so is
 * a node that left the cluster ({@link #retainNodes}). Thread-safe: different nodes are observed concurrently.
 */
public final class RateTracker {

    /** Identifies a container on a node: namespace, pod and container name. */
    public record ContainerKey(String namespace, String pod, String container) {
    }

    private final Duration resolution;
    private final Map<String, NodeSeries> nodes = new ConcurrentHashMap<>();

    public RateTracker(Duration resolution) {
        this.resolution = resolution;
    }

    /** Begins one node's observation; call {@link Observation#finish()} after the last container. */
    public Observation observe(String nodeName) {
        return new Observation(nodes.computeIfAbsent(nodeName, n -> new NodeSeries()));
    }

    /** Forgets every node not in {@code nodeNames} (deleted, or moved to another shard). */
    public void retainNodes(Set<String> nodeNames) {
        nodes.keySet().retainAll(nodeNames);
    }

    /** How many container series are remembered, for tests and the points gauge. */
    public int containerSeries() {
        return nodes.values().stream().mapToInt(n -> n.containers.size()).sum();
    }

    /** One node's scrape: feed the node point and every container point, then finish. */
    public final class Observation {
        private final NodeSeries series;
        private final java.util.Set<ContainerKey> seen = new java.util.HashSet<>();

        private Observation(NodeSeries series) {
            this.series = series;
        }

        public RateCalculator.Outcome node(CumulativePoint point) {
            synchronized (series) {
                Stored next = next(series.node, point);
                series.node = next.kept;
                return next.outcome;
            }
        }

        public RateCalculator.Outcome container(ContainerKey key, CumulativePoint point) {
            synchronized (series) {
                seen.add(key);
                Stored next = next(series.containers.get(key), point);
                series.containers.put(key, next.kept);
                return next.outcome;
            }
        }

        /** A container the kubelet listed without a CPU sample: still present, its stored point unchanged. */
        public void present(ContainerKey key) {
            synchronized (series) {
                seen.add(key);
            }
        }

        /** Forgets the containers of this node that the latest answer did not mention. */
        public void finish() {
            synchronized (series) {
                series.containers.keySet().retainAll(seen);
            }
        }

        private Stored next(Kept stored, CumulativePoint latest) {
            CumulativePoint previous = stored == null ? null : stored.point;
            RateCalculator.Outcome outcome = RateCalculator.between(previous, latest, resolution);
            if (outcome.gap() == RateCalculator.Gap.NOT_NEWER) {
                if (latest.timestamp().equals(previous.timestamp()) && stored.rate != null) {
                    // the kubelet has not measured again since the last scrape: the same rate still holds
                    return new Stored(stored, new RateCalculator.Outcome(stored.rate, RateCalculator.Gap.NONE));
                }
                if (latest.timestamp().isBefore(previous.timestamp())) {
                    // the kubelet's clock went back (skew corrected, or a restart on a skewed clock): as
                    // metrics-server's storage drops a stored point newer than the new one, start over from this
                    // point (no rate this once) instead of ignoring the node until its clock catches up again
                    return new Stored(new Kept(latest, null), outcome);
                }
                return new Stored(stored, outcome);
            }
            return new Stored(new Kept(latest, outcome.rate()), outcome);
        }
    }

    /** A stored point with the rate reported when it arrived. */
    private record Kept(CumulativePoint point, CpuRate rate) {
    }

    private record Stored(Kept kept, RateCalculator.Outcome outcome) {
    }

    private static final class NodeSeries {
        Kept node;
        final Map<ContainerKey, Kept> containers = new HashMap<>();
    }
}
