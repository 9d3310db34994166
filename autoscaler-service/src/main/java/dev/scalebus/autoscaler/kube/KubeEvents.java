package dev.scalebus.autoscaler.kube;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Records Kubernetes Events on an autoscaler, as the HPA controller's event recorder does. */
@ApplicationScoped
public class KubeEvents {

    private static final Logger LOG = Logger.getLogger(KubeEvents.class);

    private final KubernetesClient client;

    public KubeEvents(KubernetesClient client) {
        this.client = client;
    }

    public void record(String namespace, String autoscaler, String type, String reason, String message, Instant now) {
        try {
            client.v1().events().inNamespace(namespace).resource(new EventBuilder()
                    .withNewMetadata().withNamespace(namespace)
                    .withName(autoscaler + "." + UUID.randomUUID().toString().substring(0, 8)).endMetadata()
                    .withNewInvolvedObject().withApiVersion(AutoscalerStore.API_VERSION)
                    .withKind(AutoscalerStore.KIND).withNamespace(namespace).withName(autoscaler).endInvolvedObject()
                    .withType(type).withReason(reason).withMessage(message)
                    .withFirstTimestamp(now.toString()).withLastTimestamp(now.toString()).withCount(1)
                    .withNewSource().withComponent("scalebus-autoscaler").endSource()
                    .build()).create();
        } catch (KubernetesClientException e) {
            LOG.debugf("event %s on %s/%s not recorded: %s", reason, namespace, autoscaler, e.getMessage());
        }
    }
}
