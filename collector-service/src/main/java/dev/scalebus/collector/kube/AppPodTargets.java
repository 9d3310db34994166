package dev.scalebus.collector.kube;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which pods are application scrape targets and where, after Prometheus' example {@code kubernetes-pods} job
 * (prometheus/documentation/examples/prometheus-kubernetes.yml): annotation {@code prometheus.io/scrape: "true"};
 * {@code prometheus.io/scheme} (http or https, default http), {@code prometheus.io/path} (default /metrics),
 * {@code prometheus.io/port}. Only Running pods with a {@code status.podIP} that are not being deleted count.
 * Without a port annotation Prometheus scrapes every declared container port; scalebus uses the port only when
 * exactly one is declared and otherwise reports {@code no-port}.
 */
public final class AppPodTargets {

    public static final String SCRAPE = "prometheus.io/scrape";
    public static final String SCHEME = "prometheus.io/scheme";
    public static final String PATH = "prometheus.io/path";
    public static final String PORT = "prometheus.io/port";

    private AppPodTargets() {
    }

    /** Empty when the pod is not (or not yet, or no longer) a target; else the target or its problem. */
    public static Optional<AppPodTarget> of(Pod pod) {
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        if (annotations == null || !"true".equals(annotations.get(SCRAPE))
                || pod.getMetadata().getDeletionTimestamp() != null || pod.getStatus() == null
                || !"Running".equals(pod.getStatus().getPhase()) || blank(pod.getStatus().getPodIP())) {
            return Optional.empty();
        }
        String ns = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        String scheme = annotations.getOrDefault(SCHEME, "http").trim();
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of(new AppPodTarget(ns, name, node, null, "bad-annotation",
                    SCHEME + " must be http or https, got '" + scheme + "'"));
        }
        String path = annotations.getOrDefault(PATH, "/metrics").trim();
        if (!path.startsWith("/")) {
            path = "/" + path;
        }
        Integer port;
        String portText = annotations.get(PORT);
        if (portText != null) {
            port = parsePort(portText.trim());
            if (port == null) {
                return Optional.of(new AppPodTarget(ns, name, node, null, "bad-annotation",
                        PORT + " must be a port number 1..65535, got '" + portText + "'"));
            }
        } else {
            List<Integer> declared = pod.getSpec() == null || pod.getSpec().getContainers() == null ? List.of()
                    : pod.getSpec().getContainers().stream().map(Container::getPorts).filter(p -> p != null)
                            .flatMap(List::stream).filter(p -> !"UDP".equals(p.getProtocol())
                                    && !"SCTP".equals(p.getProtocol()))
                            .map(ContainerPort::getContainerPort).distinct().toList();
            if (declared.size() != 1) {
                return Optional.of(new AppPodTarget(ns, name, node, null, "no-port", "no " + PORT
                        + " annotation and " + declared.size() + " declared TCP container ports (need exactly one)"));
            }
            port = declared.get(0);
        }
        String ip = pod.getStatus().getPodIP();
        String host = ip.contains(":") ? "[" + ip + "]" : ip;
        try {
            return Optional.of(new AppPodTarget(ns, name, node, new URI(scheme + "://" + host + ":" + port + path),
                    null, null));
        } catch (URISyntaxException e) {
            return Optional.of(new AppPodTarget(ns, name, node, null, "bad-annotation",
                    PATH + " '" + path + "' is not a valid URL path: " + e.getReason()));
        }
    }

    private static Integer parsePort(String text) {
        try {
            int port = Integer.parseInt(text);
            return port >= 1 && port <= 65535 ? port : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
