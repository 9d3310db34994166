package dev.scalebus.collector.kube;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import java.util.List;

/**
 * Picks the kubelet address and port of a Node like metrics-server: the first address type in the preference list
 * that the node reports wins (pkg/utils/address_resolver.go NodeAddress), and the port is the node's
 * status.daemonEndpoints.kubeletEndpoint.Port when {@code useNodeStatusPort} is set and it is non-zero, else the
 * configured port (cmd/metrics-server/app/options/kubelet_client.go). The path comes from the node annotation
 * {@value #PATH_ANNOTATION} (metrics-server v0.7.0+) when it is a plain absolute path ({@link PathAnnotationGuard}),
 * else the configured default: the request always goes to the node's own address and port.
 */
public final class NodeAddressChooser {

    public static final String PATH_ANNOTATION = "metrics.k8s.io/resource-metrics-path";
    public static final List<String> DEFAULT_TYPES = List.of("Hostname", "InternalDNS", "InternalIP", "ExternalDNS",
            "ExternalIP");

    private final List<String> preferredTypes;
    private final int port;
    private final boolean useNodeStatusPort;
    private final String defaultPath;
    private final PathAnnotationGuard guard;

    public NodeAddressChooser(List<String> preferredTypes, int port, boolean useNodeStatusPort, String defaultPath) {
        this(preferredTypes, port, useNodeStatusPort, defaultPath, new PathAnnotationGuard());
    }

    public NodeAddressChooser(List<String> preferredTypes, int port, boolean useNodeStatusPort, String defaultPath,
            PathAnnotationGuard guard) {
        this.preferredTypes = List.copyOf(preferredTypes);
        this.port = port;
        this.useNodeStatusPort = useNodeStatusPort;
        this.defaultPath = defaultPath;
        this.guard = guard;
    }

    public NodeTarget target(Node node) {
        String name = node.getMetadata().getName();
        return new NodeTarget(name, address(node), port(node), path(node));
    }

    String address(Node node) {
        List<NodeAddress> addresses = node.getStatus() == null || node.getStatus().getAddresses() == null
                ? List.of() : node.getStatus().getAddresses();
        for (String type : preferredTypes) {
            for (NodeAddress address : addresses) {
                if (type.equals(address.getType()) && address.getAddress() != null && !address.getAddress().isEmpty()) {
                    return address.getAddress();
                }
            }
        }
        return null;
    }

    int port(Node node) {
        if (useNodeStatusPort && node.getStatus() != null && node.getStatus().getDaemonEndpoints() != null
                && node.getStatus().getDaemonEndpoints().getKubeletEndpoint() != null) {
            Integer statusPort = node.getStatus().getDaemonEndpoints().getKubeletEndpoint().getPort();
            if (statusPort != null && statusPort > 0) {
                return statusPort;
            }
        }
        return port;
    }

    String path(Node node) {
        String annotated = node.getMetadata().getAnnotations() == null ? null
                : node.getMetadata().getAnnotations().get(PATH_ANNOTATION);
        return guard.pathFor(node.getMetadata().getName(), annotated, defaultPath);
    }
}
