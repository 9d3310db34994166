package dev.scalebus.autoscaler.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalebus.autoscaler.SimulatedClusterResource;
import dev.scalebus.autoscaler.hpa.HpaSpec;
import dev.scalebus.autoscaler.hpa.ScaleView;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@link KubeTargetScaler} against the cluster-simulator's API server: kinds resolved by discovery, the Scale read
 * from and written to /scale, upstream's errors for a missing target and an unknown kind.
 */
@QuarkusTest
@QuarkusTestResource(SimulatedClusterResource.class)
class ScaleSubresourceTest {

    @Inject
    KubernetesClient client;

    @Inject
    KubeTargetScaler scaler;

    String namespace() {
        String ns = "scale-" + UUID.randomUUID().toString().substring(0, 8);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
                .create();
        return ns;
    }

    @Test
    void statefulSetScaleIsReadAndWrittenThroughTheSubresource() {
        String ns = namespace();
        client.apps().statefulSets().inNamespace(ns).resource(new StatefulSetBuilder()
                .withNewMetadata().withName("db").endMetadata()
                .withNewSpec().withReplicas(2).withServiceName("db").withNewSelector().addToMatchLabels("app", "db")
                .addToMatchLabels("tier", "data").endSelector().withNewTemplate().withNewMetadata()
                .addToLabels("app", "db").addToLabels("tier", "data").endMetadata().withNewSpec().addNewContainer()
                .withName("db").withImage("postgres").endContainer().endSpec().endTemplate().endSpec()
                .withNewStatus().withReplicas(2).endStatus().build()).create();
        HpaSpec.TargetRef ref = new HpaSpec.TargetRef("apps/v1", "StatefulSet", "db");

        assertThat(scaler.read(ns, ref)).isEqualTo(new ScaleView(2, 2, "app=db,tier=data"));
        assertThat(scaler.write(ns, ref, 5)).isNull();

        assertThat(client.apps().statefulSets().inNamespace(ns).withName("db").get().getSpec().getReplicas())
                .isEqualTo(5);
        assertThat(scaler.read(ns, ref).specReplicas()).isEqualTo(5);
    }

    @Test
    void replicaSetScaleIsReadAndWrittenAndTheGroupVersionIsResolvedByDiscovery() {
        String ns = namespace();
        client.apps().replicaSets().inNamespace(ns).resource(new ReplicaSetBuilder()
                .withNewMetadata().withName("rs").endMetadata()
                .withNewSpec().withReplicas(0).withNewSelector().addToMatchLabels("app", "rs").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "rs").endMetadata().withNewSpec()
                .addNewContainer().withName("c").withImage("nginx").endContainer().endSpec().endTemplate().endSpec()
                .build()).create();
        // upstream maps group + kind only: an old version in the reference still finds apps/v1
        HpaSpec.TargetRef ref = new HpaSpec.TargetRef("apps/v1beta2", "ReplicaSet", "rs");

        assertThat(scaler.read(ns, ref)).isEqualTo(new ScaleView(0, 0, "app=rs"));
        assertThat(scaler.write(ns, ref, 2)).isNull();
        assertThat(client.apps().replicaSets().inNamespace(ns).withName("rs").get().getSpec().getReplicas())
                .isEqualTo(2);
    }

    @Test
    void aMissingTargetIsTheApiServersNotFound() {
        String ns = namespace();
        assertThatThrownBy(() -> scaler.read(ns, new HpaSpec.TargetRef("apps/v1", "Deployment", "nope")))
                .isInstanceOf(IllegalStateException.class).hasMessage("deployments.apps \"nope\" not found");
    }

    @Test
    void anUnknownKindIsNoKindMatch() {
        String ns = namespace();
        assertThatThrownBy(() -> scaler.read(ns, new HpaSpec.TargetRef("apps/v1", "Widget", "w")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no matches for kind \"Widget\" in group \"apps\"");
        assertThatThrownBy(() -> scaler.read(ns, new HpaSpec.TargetRef("a/b/c", "Widget", "w")))
                .hasMessage("unexpected GroupVersion string: a/b/c");
    }

    @Test
    void aFailedWriteIsTheApiServersError() {
        String ns = namespace();
        client.apps().statefulSets().inNamespace(ns).resource(new StatefulSetBuilder()
                .withNewMetadata().withName("db").endMetadata()
                .withNewSpec().withReplicas(1).withServiceName("db").withNewSelector().addToMatchLabels("app", "db")
                .endSelector().withNewTemplate().withNewMetadata().addToLabels("app", "db").endMetadata()
                .withNewSpec().addNewContainer().withName("db").withImage("postgres").endContainer().endSpec()
                .endTemplate().endSpec().build()).create();
        HpaSpec.TargetRef ref = new HpaSpec.TargetRef("apps/v1", "StatefulSet", "db");
        scaler.read(ns, ref);
        // changed by someone else after our read: the Scale PUT carries the old resourceVersion
        client.apps().statefulSets().inNamespace(ns).withName("db").edit(s -> {
            s.getSpec().setReplicas(3);
            return s;
        });

        assertThat(scaler.write(ns, ref, 4)).contains("the object has been modified");
        assertThat(client.apps().statefulSets().inNamespace(ns).withName("db").get().getSpec().getReplicas())
                .isEqualTo(3);
    }
}
