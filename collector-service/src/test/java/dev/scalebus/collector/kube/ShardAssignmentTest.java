package dev.scalebus.collector.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShardAssignmentTest {

    private static final List<String> NODES = IntStream.range(0, 5000)
            .mapToObj(i -> i % 3 == 0 ? "ip-10-0-" + (i / 250) + "-" + (i % 250) + ".ec2.internal" : "node-" + i)
            .toList();

    @Test
    void everyNodeIsOwnedByExactlyOneShardForEveryCount() {
        for (int count = 1; count <= 12; count++) {
            Map<String, Integer> owners = new HashMap<>();
            List<String> overlaps = new java.util.ArrayList<>();
            for (int index = 0; index < count; index++) {
                ShardAssignment shard = new ShardAssignment(index, count);
                for (String node : NODES) {
                    if (shard.owns(node) && owners.put(node, index) != null) {
                        overlaps.add(node);
                    }
                }
            }
            assertThat(overlaps).as("overlap with %d shards", count).isEmpty();
            assertThat(owners.keySet()).as("gap with %d shards", count).isEqualTo(new java.util.HashSet<>(NODES));
        }
    }

    @Test
    void splitsNodesRoughlyEvenly() {
        int count = 4;
        int[] sizes = new int[count];
        NODES.forEach(node -> sizes[ShardAssignment.shardOf(node, count)]++);
        for (int size : sizes) {
            assertThat(size).isBetween(NODES.size() / count * 8 / 10, NODES.size() / count * 12 / 10);
        }
    }

    @Test
    void hashIsStableFnv1a64() {
        // FNV-1a 64 reference vectors (draft-eastlake-fnv): "" and "a"
        assertThat(ShardAssignment.fnv1a64("")).isEqualTo(0xcbf29ce484222325L);
        assertThat(ShardAssignment.fnv1a64("a")).isEqualTo(0xaf63dc4c8601ec8cL);
        assertThat(ShardAssignment.fnv1a64("foobar")).isEqualTo(0x85944171f73967e8L);
    }

    @Test
    void readsStatefulSetOrdinalFromHostName() {
        assertThat(ShardAssignment.ordinalOf("collector-service-3")).isEqualTo(3);
        assertThat(ShardAssignment.ordinalOf("collector-7d9f-abcde")).isEqualTo(-1);
        assertThat(ShardAssignment.ordinalOf(null)).isEqualTo(-1);
    }

    @Test
    void rejectsIndexOutsideCount() {
        assertThatThrownBy(() -> new ShardAssignment(2, 2)).hasMessageContaining("not in [0, 2)");
        assertThatThrownBy(() -> new ShardAssignment(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
