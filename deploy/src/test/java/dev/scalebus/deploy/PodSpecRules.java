package dev.scalebus.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The rules of kubernetes v1.32 pkg/apis/core/validation/validation.go that a pod template's containers must pass
 * (function names cited on each method; env and envFrom in {@link EnvRules}), applied after the API server's defaulting (an unset probe scheme is HTTP,
 * an unset fieldRef apiVersion v1). One rule goes further than the API server: a probe's named port must be a port
 * of the container, or the kubelet fails the probe at run time.
 */
final class PodSpecRules {

    private static final Set<String> PROTOCOLS = Set.of("TCP", "UDP", "SCTP");

    private PodSpecRules() {
    }

    /**
     * ValidatePodSpec, the parts a Deployment or StatefulSet template uses; {@code claimVolumes} are the volumes a
     * StatefulSet's volumeClaimTemplates add to each pod.
     */
    static void validate(PodSpec spec, Set<String> claimVolumes, String path, Problems p) {
        if (spec.getServiceAccountName() != null) {
            p.check(path + ".serviceAccountName", Names.dns1123Subdomain(spec.getServiceAccountName()));
        }
        Set<String> volumes = volumes(spec.getVolumes(), path + ".volumes", p);
        volumes.addAll(claimVolumes);
        List<Container> containers = spec.getContainers();
        if (containers == null || containers.isEmpty()) {
            p.add(path + ".containers", "Required value");
            return;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < containers.size(); i++) {
            Container c = containers.get(i);
            String cp = path + ".containers[" + i + "]";
            p.check(cp + ".name", Names.dns1123Label(c.getName()));
            if (!names.add(c.getName())) {
                p.add(cp + ".name", "Duplicate value: \"" + c.getName() + "\"");
            }
            if (c.getImage() == null || c.getImage().isBlank()) {
                p.add(cp + ".image", "Required value");
            }
            ports(c.getPorts(), cp + ".ports", p);
            EnvRules.env(c.getEnv(), cp + ".env", p);
            EnvRules.envFrom(c.getEnvFrom(), cp + ".envFrom", p);
            probe(c, c.getLivenessProbe(), cp + ".livenessProbe", true, p);
            probe(c, c.getReadinessProbe(), cp + ".readinessProbe", false, p);
            probe(c, c.getStartupProbe(), cp + ".startupProbe", true, p);
            if (c.getResources() != null) {
                resources(c.getResources().getRequests(), c.getResources().getLimits(), cp + ".resources", p);
            }
            volumeMounts(c.getVolumeMounts(), volumes, cp + ".volumeMounts", p);
        }
    }

    /** validateContainerPorts: numbers in range, IANA_SVC_NAME names, unique names, a supported protocol. */
    private static void ports(List<ContainerPort> ports, String path, Problems p) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < (ports == null ? 0 : ports.size()); i++) {
            ContainerPort port = ports.get(i);
            String pp = path + "[" + i + "]";
            p.check(pp + ".containerPort", Names.portNumber(port.getContainerPort()));
            if (port.getHostPort() != null && port.getHostPort() != 0) {
                p.check(pp + ".hostPort", Names.portNumber(port.getHostPort()));
            }
            if (port.getName() != null) {
                p.check(pp + ".name", Names.portName(port.getName()));
                if (!names.add(port.getName())) {
                    p.add(pp + ".name", "Duplicate value: \"" + port.getName() + "\"");
                }
            }
            if (port.getProtocol() != null && !PROTOCOLS.contains(port.getProtocol())) {
                p.add(pp + ".protocol", "Unsupported value: \"" + port.getProtocol() + "\"");
            }
        }
    }

    /** validateProbe, validateHandler, validateHTTPGetAction, ValidatePortNumOrName; liveness/startup success = 1. */
    private static void probe(Container c, Probe probe, String path, boolean successMustBeOne, Problems p) {
        if (probe == null) {
            return;
        }
        long handlers = Stream.of(probe.getExec(), probe.getHttpGet(), probe.getTcpSocket(), probe.getGrpc())
                .filter(Objects::nonNull).count();
        if (handlers == 0) {
            p.add(path, "Required value: must specify a handler type");
        } else if (handlers > 1) {
            p.add(path, "Forbidden: may not specify more than 1 handler type");
        }
        for (Integer n : new Integer[] {probe.getInitialDelaySeconds(), probe.getTimeoutSeconds(),
            probe.getPeriodSeconds(), probe.getSuccessThreshold(), probe.getFailureThreshold()}) {
            if (n != null && n < 0) {
                p.add(path, "Invalid value: " + n + ": must be greater than or equal to 0");
            }
        }
        if (successMustBeOne && probe.getSuccessThreshold() != null && probe.getSuccessThreshold() != 1) {
            p.add(path + ".successThreshold", "Invalid value: must be 1");
        }
        if (probe.getHttpGet() != null) {
            String scheme = probe.getHttpGet().getScheme();
            if (scheme != null && !scheme.equals("HTTP") && !scheme.equals("HTTPS")) {
                p.add(path + ".httpGet.scheme", "Unsupported value: \"" + scheme + "\"");
            }
            port(c, probe.getHttpGet().getPort(), path + ".httpGet.port", p);
        }
        if (probe.getTcpSocket() != null) {
            port(c, probe.getTcpSocket().getPort(), path + ".tcpSocket.port", p);
        }
    }

    private static void port(Container c, IntOrString port, String path, Problems p) {
        if (port == null || port.getValue() == null) {
            p.add(path, "Required value");
        } else if (port.getIntVal() != null) {
            p.check(path, Names.portNumber(port.getIntVal()));
        } else {
            p.check(path, Names.portName(port.getStrVal()));
            boolean declared = c.getPorts() != null
                    && c.getPorts().stream().anyMatch(cp -> port.getStrVal().equals(cp.getName()));
            if (!declared) {
                p.add(path, "names no port of the container (the kubelet would fail the probe)");
            }
        }
    }

    /** ValidateResourceRequirements: non-negative quantities, every request at most its limit. */
    static void resources(Map<String, Quantity> requests, Map<String, Quantity> limits, String path, Problems p) {
        Map<String, Quantity> req = requests == null ? Map.of() : requests;
        Map<String, Quantity> lim = limits == null ? Map.of() : limits;
        lim.forEach((name, q) -> {
            if (q.getNumericalAmount().signum() < 0) {
                p.add(path + ".limits[" + name + "]", "Invalid value: must be greater than or equal to 0");
            }
        });
        req.forEach((name, q) -> {
            if (q.getNumericalAmount().signum() < 0) {
                p.add(path + ".requests[" + name + "]", "Invalid value: must be greater than or equal to 0");
            }
            Quantity limit = lim.get(name);
            if (limit != null && q.getNumericalAmount().compareTo(limit.getNumericalAmount()) > 0) {
                p.add(path + ".requests[" + name + "]", "Invalid value: \"" + q + "\": must be less than or equal"
                        + " to " + name + " limit of " + limit);
            }
        });
    }

    /** ValidateVolumes: DNS-1123 label names, unique, exactly one source. Returns the names. */
    private static Set<String> volumes(List<Volume> volumes, String path, Problems p) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < (volumes == null ? 0 : volumes.size()); i++) {
            Volume v = volumes.get(i);
            String vp = path + "[" + i + "]";
            p.check(vp + ".name", Names.dns1123Label(v.getName()));
            if (!names.add(v.getName())) {
                p.add(vp + ".name", "Duplicate value: \"" + v.getName() + "\"");
            }
            long sources = Stream.of(v.getEmptyDir(), v.getConfigMap(), v.getSecret(), v.getProjected(),
                    v.getPersistentVolumeClaim(), v.getDownwardAPI(), v.getHostPath(), v.getCsi(), v.getEphemeral(),
                    v.getNfs(), v.getImage()).filter(Objects::nonNull).count();
            if (sources != 1) {
                p.add(vp, sources == 0 ? "Required value: must specify a volume type"
                        : "Forbidden: may not specify more than 1 volume type");
            }
            if (v.getConfigMap() != null && (v.getConfigMap().getName() == null
                    || v.getConfigMap().getName().isEmpty())) {
                p.add(vp + ".configMap.name", "Required value");
            }
        }
        return names;
    }

    /** ValidateVolumeMounts: the volume exists, mountPath set and unique. */
    private static void volumeMounts(List<VolumeMount> mounts, Set<String> volumes, String path, Problems p) {
        Set<String> paths = new HashSet<>();
        for (int i = 0; i < (mounts == null ? 0 : mounts.size()); i++) {
            VolumeMount m = mounts.get(i);
            String mp = path + "[" + i + "]";
            if (!volumes.contains(m.getName())) {
                p.add(mp + ".name", "Not found: \"" + m.getName() + "\"");
            }
            if (m.getMountPath() == null || m.getMountPath().isEmpty()) {
                p.add(mp + ".mountPath", "Required value");
            } else if (!paths.add(m.getMountPath())) {
                p.add(mp + ".mountPath", "Invalid value: \"" + m.getMountPath() + "\": must be unique");
            }
        }
    }
}
