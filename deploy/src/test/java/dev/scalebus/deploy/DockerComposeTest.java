package dev.scalebus.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        assertThat(environment(services, "autoscaler-service"))
                .containsEntry("SCALEBUS_AUTOSCALER_AUTHENTICATION_ENABLED", "false");
        assertThat(environment(services, "history-service"))
                .containsEntry("SCALEBUS_HISTORY_AUTHENTICATION_ENABLED", "false");
    }

    @Test
    @SuppressWarnings("unchecked")
    void healthChecksProbeTheManagementPortsWhichNoPortMappingPublishes() {
        Map<String, Map<String, Object>> services = services();
        Map<String, String> management = Map.of("collector-service", "9081", "metrics-api-service", "9082",
                "autoscaler-service", "9083", "history-service", "9084");
        management.forEach((name, port) -> assertThat((List<Object>) ((Map<String, Object>) services.get(name)
                .get("healthcheck")).get("test")).as(name).containsExactly("CMD", "healthcheck", port,
                        "/q/health/live"));
        List<Object> published = (List<Object>) services.get("cluster-simulator").get("ports");
        assertThat(published.toString()).doesNotContain("9081", "9082", "9083", "9084", "8081");
    }

    @Test
    void everyFileTheSimulatorIsToldToReadIsMountedFromTheRepo() {
        Map<String, Object> env = environment(services(), "cluster-simulator");
        List<String> files = new ArrayList<>();
        files.add((String) env.get("SCALEBUS_SIMULATOR_SCENARIO"));
        files.addAll(List.of(((String) env.get("SCALEBUS_SIMULATOR_MANIFESTS")).split(",")));
        assertThat(files).hasSize(3).doesNotContainNull();
        Map<String, String> mounts = mounts(services().get("cluster-simulator"));
        for (String file : files) {
            String target = mounts.keySet().stream().filter(t -> file.startsWith(t + "/")).findFirst().orElse(null);
            assertThat(target).as("mount holding " + file).isNotNull();
            assertThat(Path.of(mounts.get(target) + file.substring(target.length()))).as(file).isRegularFile();
        }
        // the manifests a cluster needs first: the CRD, then seed 000's autoscaler
        assertThat(files.get(1)).endsWith("horizontalautoscaler.yaml");
        assertThat((String) env.get("SCALEBUS_SIMULATOR_API_SERVICES")).contains("metrics.k8s.io/v1beta1=",
                "custom.metrics.k8s.io/v1beta2=", "custom.metrics.k8s.io/v1beta1=", "external.metrics.k8s.io/v1beta1=");
    }

    @Test
    void servicesReadTheSimulatorsFilesFromTheSharedVolume() {
        Map<String, Map<String, Object>> services = services();
        String workDir = (String) environment(services, "cluster-simulator").get("SCALEBUS_SIMULATOR_WORK_DIR");
        assertThat(mounts(services.get("cluster-simulator"))).containsEntry(workDir, "simulator-state");
        assertThat(mounts(services.get("collector-service"))).containsEntry(workDir, "simulator-state");
        assertThat(environment(services, "collector-service"))
                .containsEntry("SCALEBUS_COLLECTOR_KUBELET_CERTIFICATE_AUTHORITY", workDir + "/kubelet-ca.crt")
                .containsEntry("KUBECONFIG", workDir + "/kubeconfig");
    }

    /** Short-syntax volumes as docker-compose config prints them: target -> source (host path or volume name). */
    @SuppressWarnings("unchecked")
    private static Map<String, String> mounts(Map<String, Object> service) {
        Map<String, String> mounts = new java.util.HashMap<>();
        for (Object volume : (List<Object>) service.get("volumes")) {
            String[] parts = ((String) volume).split(":");
            mounts.put(parts[1], parts[0]);
        }
        return mounts;
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
