package dev.scalebus.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** docker-compose.yml validates with Debian's docker-compose (no engine needed) and wires health-ordered start. */
class DockerComposeTest {

    @Test
    void composeFileValidates() {
        Repo.Result r = Repo.run("docker-compose", "-f", "docker-compose.yml", "config", "-q");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
    }

    @Test
    void everyServiceHasAHealthCheckAndStartsAfterWhatItNeeds() {
        Map<String, Map<String, Object>> services = services();
        assertThat(services).containsKeys("kafka", "postgresql", "grafana", "cluster-simulator", "collector-service",
                "metrics-api-service", "autoscaler-service", "history-service");
        services.forEach((name, service) -> assertThat(service).as(name).containsKey("healthcheck"));
        assertThat(dependsOn(services, "history-service")).containsKeys("kafka", "postgresql");
        assertThat(dependsOn(services, "collector-service")).containsKeys("kafka", "cluster-simulator");
        assertThat(dependsOn(services, "grafana")).containsKey("postgresql");
    }

    @Test
    void servicesKeepTheSharedSettingsAndMetricsApiRunsWithoutAuthenticationAsScalebusUp() {
        Map<String, Map<String, Object>> services = services();
        for (String name : new String[] {"collector-service", "metrics-api-service", "autoscaler-service",
            "history-service"}) {
            assertThat(environment(services, name)).as(name).containsEntry("SCALEBUS_KAFKA_BOOTSTRAP", "kafka:9092")
                    .containsEntry("KUBECONFIG", "/var/run/scalebus/kubeconfig");
        }
        // the simulator answers no TokenReview/SubjectAccessReview
        assertThat(environment(services, "metrics-api-service"))
                .containsEntry("SCALEBUS_METRICS_API_AUTHENTICATION_ENABLED", "false");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() {
        Repo.Result r = Repo.run("docker-compose", "-f", "docker-compose.yml", "config");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return (Map<String, Map<String, Object>>) io.fabric8.kubernetes.client.utils.Serialization
                .unmarshal(r.stdout(), Map.class).get("services");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(Map<String, Map<String, Object>> services, String name) {
        return (Map<String, Object>) services.get(name).get("environment");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> dependsOn(Map<String, Map<String, Object>> services, String name) {
        return (Map<String, Object>) services.get(name).get("depends_on");
    }
}
