package dev.scalebus.autoscaler.kube;

import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness of the live controller's Kubernetes side: can HorizontalAutoscalers be listed? */
@Readiness
@ApplicationScoped
public class KubernetesApiHealth implements HealthCheck {

    private final KubernetesClient client;

    public KubernetesApiHealth(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            client.genericKubernetesResources(AutoscalerStore.CONTEXT).inAnyNamespace()
                    .list(new ListOptionsBuilder().withLimit(1L).build());
            return HealthCheckResponse.named("kubernetes-api").up().build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("kubernetes-api").down().withData("error", String.valueOf(e.getMessage()))
                    .build();
        }
    }
}
