package dev.scalebus.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;

/** What every rendering (kustomize or Helm) must wire for sharding and leader election to work in a cluster. */
final class ReleaseAssertions {

    private ReleaseAssertions() {
    }

    /**
     * Each collector pod takes the shard of its StatefulSet ordinal (the pod-index label, no fixed value beside it)
     * out of as many shards as there are replicas; the autoscaler's Lease namespace is its own (POD_NAMESPACE).
     */
    static void shardsFollowTheReplicasAndTheLeaseItsNamespace(List<HasMetadata> objects, int collectorReplicas) {
        StatefulSet collector = objects.stream().filter(StatefulSet.class::isInstance).map(StatefulSet.class::cast)
                .filter(s -> s.getMetadata().getName().equals("collector")).findFirst().orElseThrow();
        assertThat(collector.getSpec().getReplicas()).isEqualTo(collectorReplicas);
        List<EnvVar> env = collector.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
        assertThat(env).filteredOn(e -> e.getName().equals("SCALEBUS_COLLECTOR_SHARD_INDEX")).singleElement()
                .satisfies(e -> {
                    assertThat(e.getValue()).isNull();
                    assertThat(e.getValueFrom().getFieldRef().getFieldPath())
                            .isEqualTo("metadata.labels['apps.kubernetes.io/pod-index']");
                });
        assertThat(env).filteredOn(e -> e.getName().equals("SCALEBUS_COLLECTOR_SHARD_COUNT")).singleElement()
                .satisfies(e -> assertThat(e.getValue()).isEqualTo(String.valueOf(collectorReplicas)));

        Deployment autoscaler = objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                .filter(d -> d.getMetadata().getName().equals("autoscaler")).findFirst().orElseThrow();
        assertThat(autoscaler.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .filteredOn(e -> e.getName().equals("POD_NAMESPACE")).singleElement()
                .satisfies(e -> assertThat(e.getValueFrom().getFieldRef().getFieldPath())
                        .isEqualTo("metadata.namespace"));
    }
}
