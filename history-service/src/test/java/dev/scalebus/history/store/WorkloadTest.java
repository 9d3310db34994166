package dev.scalebus.history.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebus.events.OwnerReference;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkloadTest {

    @Test
    void replicaSetWithPodTemplateHashCountsForItsDeployment() {
        assertThat(Workload.of("api-7c9f-abcde", new OwnerReference("ReplicaSet", "api-7c9f"),
                Map.of("pod-template-hash", "7c9f"))).isEqualTo(new Workload("Deployment", "api"));
    }

    @Test
    void replicaSetWithoutMatchingHashStaysAReplicaSet() {
        assertThat(Workload.of("rs-x", new OwnerReference("ReplicaSet", "plain-rs"), Map.of()))
                .isEqualTo(new Workload("ReplicaSet", "plain-rs"));
        assertThat(Workload.of("rs-x", new OwnerReference("ReplicaSet", "plain-rs"),
                Map.of("pod-template-hash", "zzz"))).isEqualTo(new Workload("ReplicaSet", "plain-rs"));
    }

    @Test
    void otherOwnersAndBarePods() {
        assertThat(Workload.of("db-0", new OwnerReference("StatefulSet", "db"), Map.of()))
                .isEqualTo(new Workload("StatefulSet", "db"));
        assertThat(Workload.of("lonely", null, Map.of())).isEqualTo(new Workload("Pod", "lonely"));
    }
}
