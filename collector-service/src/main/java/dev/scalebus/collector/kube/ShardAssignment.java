package dev.scalebus.collector.kube;

import java.nio.charset.StandardCharsets;

/**
 * Splits nodes between collector replicas: node N belongs to shard {@code fnv1a64(N) mod count}. Every node has
 * exactly one owner (no overlap, no gap) for any count, and the assignment depends only on the node name, so all
 * replicas agree without talking to each other. Changing the count moves nodes between shards (no consistent
 * hashing: a StatefulSet scale-out reshuffles, which costs one cycle without rates for moved nodes).
 */
public record ShardAssignment(int index, int count) {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    public ShardAssignment {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("shard index " + index + " is not in [0, " + count + ")");
        }
    }

    /** A single collector that owns every node. */
    public static ShardAssignment all() {
        return new ShardAssignment(0, 1);
    }

    public boolean owns(String nodeName) {
        return shardOf(nodeName, count) == index;
    }

    /** The shard a node belongs to among {@code count}. */
    public static int shardOf(String nodeName, int count) {
        return (int) Long.remainderUnsigned(fnv1a64(nodeName), count);
    }

    /** FNV-1a 64-bit over the UTF-8 bytes: stable across JVMs and releases, unlike String.hashCode's contract. */
    static long fnv1a64(String text) {
        long hash = FNV_OFFSET;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= FNV_PRIME;
        }
        return hash;
    }

    /** The StatefulSet ordinal at the end of a pod host name ({@code collector-3} → 3), or -1. */
    public static int ordinalOf(String hostName) {
        if (hostName == null) {
            return -1;
        }
        int dash = hostName.lastIndexOf('-');
        try {
            return dash < 0 ? -1 : Integer.parseInt(hostName.substring(dash + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
