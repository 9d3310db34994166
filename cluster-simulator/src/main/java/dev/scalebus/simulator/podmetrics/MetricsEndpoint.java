package dev.scalebus.simulator.podmetrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An application metrics endpoint a pod serves at {@code http://<podIP>:<port><path>}, declared the way
 * Prometheus' kubernetes_sd example config and prometheus-adapter setups expect: pod annotations
 * {@code prometheus.io/scrape: "true"}, {@code prometheus.io/port}, {@code prometheus.io/path}.
 */
public record MetricsEndpoint(int port, String path) {

    public static final String SCRAPE_ANNOTATION = "prometheus.io/scrape";
    public static final String PORT_ANNOTATION = "prometheus.io/port";
    public static final String PATH_ANNOTATION = "prometheus.io/path";
    public static final int DEFAULT_PORT = 8080;
    public static final String DEFAULT_PATH = "/metrics";

    public MetricsEndpoint {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("metrics.port must be 1..65535, got " + port);
        }
        path = path == null || path.isBlank() ? DEFAULT_PATH : path;
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("metrics.path must start with '/', got '" + path + "'");
        }
    }

    public static MetricsEndpoint defaults() {
        return new MetricsEndpoint(DEFAULT_PORT, DEFAULT_PATH);
    }

    /** The pod (template) annotations that announce this endpoint. */
    public Map<String, String> annotations() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put(SCRAPE_ANNOTATION, "true");
        a.put(PORT_ANNOTATION, String.valueOf(port));
        a.put(PATH_ANNOTATION, path);
        return a;
    }

    /**
     * The endpoint a pod template's annotations announce, or null when it is not scraped (no
     * {@code prometheus.io/scrape: "true"}) or names no usable port.
     */
    public static MetricsEndpoint fromAnnotations(Map<String, String> annotations) {
        if (annotations == null || !"true".equals(annotations.get(SCRAPE_ANNOTATION))) {
            return null;
        }
        try {
            String port = annotations.get(PORT_ANNOTATION);
            return new MetricsEndpoint(port == null ? DEFAULT_PORT : Integer.parseInt(port.strip()),
                    annotations.get(PATH_ANNOTATION));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
