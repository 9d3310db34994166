package dev.scalebus.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;

/** Loads rendered manifests into the fabric8 model and submits them to a (mock) API server. */
final class Manifests {

    private Manifests() {
    }

    static List<HasMetadata> load(KubernetesClient client, String yaml) {
        return client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items();
    }

    /** Creates every object, CRDs first (as kubectl apply would need), and returns what the server stored. */
    static List<HasMetadata> createAll(KubernetesClient client, List<HasMetadata> objects) {
        return objects.stream()
                .sorted(Comparator.comparing(o -> o instanceof CustomResourceDefinition ? 0 : 1))
                .map(o -> create(client, o))
                .toList();
    }

    /** Deletes what {@link #createAll} created, so the next test starts from an empty server. */
    static void deleteAll(KubernetesClient client, List<HasMetadata> created) {
        created.forEach(o -> resource(client, o).delete());
    }

    private static HasMetadata create(KubernetesClient client, HasMetadata o) {
        return resource(client, o).create();
    }

    /** Kinds without a typed fabric8 model (APIService) go through the generic client with their resource plural. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Resource<HasMetadata> resource(KubernetesClient client, HasMetadata o) {
        if (o instanceof GenericKubernetesResource g) {
            ResourceDefinitionContext context = new ResourceDefinitionContext.Builder()
                    .withGroup(group(g.getApiVersion())).withVersion(version(g.getApiVersion())).withKind(g.getKind())
                    .withPlural(g.getKind().toLowerCase() + "s").withNamespaced(g.getMetadata().getNamespace() != null)
                    .build();
            var op = client.genericKubernetesResources(context);
            return (Resource) (g.getMetadata().getNamespace() == null ? op.resource(g)
                    : op.inNamespace(g.getMetadata().getNamespace()).resource(g));
        }
        return client.resource(o);
    }

    private static String group(String apiVersion) {
        return apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    }

    private static String version(String apiVersion) {
        return apiVersion.substring(apiVersion.indexOf('/') + 1);
    }

    static String id(HasMetadata o) {
        return o.getKind() + "/" + (o.getMetadata().getNamespace() == null ? "" : o.getMetadata().getNamespace() + "/")
                + o.getMetadata().getName();
    }

    static String asYaml(HasMetadata o) {
        return Serialization.asYaml(o);
    }
}
