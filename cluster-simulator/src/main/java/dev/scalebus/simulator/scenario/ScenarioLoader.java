package dev.scalebus.simulator.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.scalebus.simulator.DeploymentSpec;
import dev.scalebus.simulator.DeploymentSpec.ContainerSpec;
import dev.scalebus.simulator.SimulatorSettings;
import dev.scalebus.simulator.podmetrics.MetricsEndpoint;
import dev.scalebus.simulator.workload.LoadProfile;
import dev.scalebus.simulator.workload.WorkloadSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a scenario YAML (see scenarios/*.yaml and the README) into a settings builder; the caller may still
 * override addresses, ports, clock and work directory before {@code build()}.
 */
public final class ScenarioLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ScenarioLoader() {
    }

    public static SimulatorSettings.Builder load(Path file) {
        try {
            return parse(YAML.readTree(Files.readString(file)), file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new ScenarioException("cannot read scenario " + file + ": " + e.getMessage(), e);
        }
    }

    public static SimulatorSettings.Builder parse(String yaml, Path baseDir) {
        try {
            return parse(YAML.readTree(yaml), baseDir);
        } catch (IOException e) {
            throw new ScenarioException("scenario is not valid YAML: " + e.getMessage(), e);
        }
    }

    private static SimulatorSettings.Builder parse(JsonNode root, Path baseDir) {
        if (root == null || !root.isObject()) {
            throw new ScenarioException("scenario: expected a YAML mapping at the top");
        }
        SimulatorSettings.Builder b = SimulatorSettings.builder();
        if (root.has("timeCompression")) {
            b.timeCompression(number(root, "timeCompression"));
        }
        JsonNode nodes = root.path("nodes");
        if (nodes.has("count")) {
            b.nodeCount((int) number(nodes, "nodes.count"));
        }
        if (nodes.has("namePrefix")) {
            b.nodeNamePrefix(nodes.get("namePrefix").asText());
        }
        if (nodes.has("cpu")) {
            b.nodeCpuMillicores(Units.millicores("nodes.cpu", nodes.get("cpu").asText()));
        }
        if (nodes.has("memory")) {
            b.nodeMemoryBytes(Units.bytes("nodes.memory", nodes.get("memory").asText()));
        }
        if (nodes.has("podsPerNode")) {
            b.podsPerNode((int) number(nodes, "nodes.podsPerNode"));
        }
        if (nodes.has("fillerPodsInApi")) {
            b.fillerPodsInApi(nodes.get("fillerPodsInApi").asBoolean());
        }
        JsonNode kubelet = root.path("kubelet");
        if (kubelet.has("port")) {
            b.kubeletPort((int) number(kubelet, "kubelet.port"));
        }
        if (kubelet.has("loopbackBase")) {
            b.loopbackBase((int) number(kubelet, "kubelet.loopbackBase"));
        }
        if (kubelet.hasNonNull("bearerToken")) {
            b.kubeletBearerToken(kubelet.get("bearerToken").asText());
        }
        if (kubelet.has("wildcardBind")) {
            b.kubeletWildcardBind(kubelet.get("wildcardBind").asBoolean());
        }
        if (root.has("podLoopbackBase")) {
            b.podLoopbackBase((int) number(root, "podLoopbackBase"));
        }
        if (kubelet.has("ioThreads")) {
            b.kubeletIoThreads((int) number(kubelet, "kubelet.ioThreads"));
        }
        if (root.path("controller").has("reconcileInterval")) {
            b.reconcileInterval(Units.duration("controller.reconcileInterval",
                    root.path("controller").get("reconcileInterval").asText()));
        }
        JsonNode deployments = root.path("deployments");
        for (int i = 0; i < deployments.size(); i++) {
            b.deployment(deployment(deployments.get(i), "deployments[" + i + "]", baseDir));
        }
        return b;
    }

    private static DeploymentSpec deployment(JsonNode d, String at, Path baseDir) {
        String namespace = required(d, at, "namespace");
        String name = required(d, at, "name");
        int replicas = d.has("replicas") ? (int) number(d, at + ".replicas") : 1;
        List<ContainerSpec> containers = new ArrayList<>();
        JsonNode cs = d.path("containers");
        for (int i = 0; i < cs.size(); i++) {
            JsonNode c = cs.get(i);
            String cat = at + ".containers[" + i + "]";
            ContainerSpec spec = new ContainerSpec(required(c, cat, "name"), text(c, "cpuRequest"),
                    text(c, "memoryRequest"), text(c, "cpuLimit"), text(c, "memoryLimit"));
            Units.checkQuantity(cat + ".cpuRequest", spec.cpuRequest());
            Units.checkQuantity(cat + ".memoryRequest", spec.memoryRequest());
            Units.checkQuantity(cat + ".cpuLimit", spec.cpuLimit());
            Units.checkQuantity(cat + ".memoryLimit", spec.memoryLimit());
            containers.add(spec);
        }
        if (containers.isEmpty()) {
            throw new ScenarioException(at + ".containers: at least one container is needed");
        }
        return new DeploymentSpec(namespace, name, replicas, containers, workload(d.path("workload"), at + ".workload"),
                LoadProfiles.parse(d.path("load"), at + ".load", baseDir), metrics(d.path("metrics"), at + ".metrics"));
    }

    /** {@code metrics:} absent or null = no endpoint; a mapping (even empty) = port 8080, path /metrics unless set. */
    private static MetricsEndpoint metrics(JsonNode m, String at) {
        if (m.isMissingNode() || m.isNull()) {
            return null;
        }
        if (!m.isObject()) {
            throw new ScenarioException(at + ": expected a mapping with port and path");
        }
        int port = m.has("port") ? (int) number(m, at + ".port") : MetricsEndpoint.DEFAULT_PORT;
        if (port < 1 || port > 65535) {
            throw new ScenarioException(at + ".port: must be 1..65535, got " + port);
        }
        String path = m.hasNonNull("path") ? m.get("path").asText() : MetricsEndpoint.DEFAULT_PATH;
        if (!path.startsWith("/")) {
            throw new ScenarioException(at + ".path: must start with '/', got '" + path + "'");
        }
        return new MetricsEndpoint(port, path);
    }

    private static WorkloadSpec workload(JsonNode w, String at) {
        WorkloadSpec def = WorkloadSpec.DEFAULT;
        if (w.isMissingNode()) {
            return def;
        }
        return new WorkloadSpec(
                w.has("cpuMillicoreSecondsPerRequest") ? number(w, at + ".cpuMillicoreSecondsPerRequest")
                        : def.cpuMillicoreSecondsPerRequest(),
                w.has("idleMillicores") ? number(w, at + ".idleMillicores") : def.idleMillicores(),
                w.has("startupMillicores") ? number(w, at + ".startupMillicores") : def.startupMillicores(),
                w.has("memoryBase") ? Units.bytes(at + ".memoryBase", w.get("memoryBase").asText()) : def.memoryBaseBytes(),
                w.has("memoryPerRps") ? Units.bytes(at + ".memoryPerRps", w.get("memoryPerRps").asText())
                        : def.memoryBytesPerRps(),
                w.has("readyDelay") ? Units.duration(at + ".readyDelay", w.get("readyDelay").asText()) : def.readyDelay(),
                w.has("terminationGrace") ? Units.duration(at + ".terminationGrace", w.get("terminationGrace").asText())
                        : def.terminationGrace());
    }

    static double number(JsonNode parent, String field) {
        String key = field.substring(field.lastIndexOf('.') + 1);
        JsonNode n = parent.get(key);
        if (n == null || !n.isNumber()) {
            throw new ScenarioException(field + ": expected a number, got '" + (n == null ? "nothing" : n.asText()) + "'");
        }
        return n.asDouble();
    }

    static String required(JsonNode parent, String at, String key) {
        JsonNode n = parent.get(key);
        if (n == null || n.isNull() || n.asText().isBlank()) {
            throw new ScenarioException(at + "." + key + ": required");
        }
        return n.asText();
    }

    private static String text(JsonNode parent, String key) {
        JsonNode n = parent.get(key);
        return n == null || n.isNull() ? null : n.asText();
    }
}
