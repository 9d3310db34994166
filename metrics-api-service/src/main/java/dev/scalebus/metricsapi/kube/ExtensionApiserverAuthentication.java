package dev.scalebus.metricsapi.kube;

import dev.scalebus.metricsapi.auth.RequestheaderSettings;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the front-proxy settings from kube-system/extension-apiserver-authentication before the HTTPS server starts:
 * its TLS trust store must hold the aggregator's client CA, or the handshake of every proxied request fails. Read at
 * start by {@code Main}; the CA is then kept current by {@link CaRefresher} (metrics-server watches it).
 */
public final class ExtensionApiserverAuthentication {

    /** The file the CA bundle is written to, in the serving certificate's directory. */
    public static final String CA_FILE = "requestheader-client-ca.crt";

    private ExtensionApiserverAuthentication() {
    }

    /** A client from the in-cluster service account or kubeconfig that gives up within seconds, not minutes. */
    public static KubernetesClient startupClient() {
        Config config = new ConfigBuilder(Config.autoConfigure(null)).withConnectionTimeout(5_000)
                .withRequestTimeout(10_000).withRequestRetryBackoffLimit(2).build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /** The ConfigMap's settings; empty when the apiserver has not published it. */
    public static Optional<RequestheaderSettings> read(KubernetesClient client) {
        ConfigMap map = client.configMaps().inNamespace(RequestheaderSettings.NAMESPACE)
                .withName(RequestheaderSettings.CONFIG_MAP).get();
        return map == null || map.getData() == null ? Optional.empty()
                : Optional.of(RequestheaderSettings.fromConfigMapData(map.getData()));
    }

    /**
     * Writes the client CA bundle into {@code dir} and returns the {@code scalebus.metrics-api.requestheader.*}
     * properties to start with; empty when the cluster has no front proxy configured.
     */
    public static Map<String, String> configure(KubernetesClient client, Path dir) throws IOException {
        Optional<RequestheaderSettings> settings = read(client).filter(RequestheaderSettings::hasClientCa);
        if (settings.isEmpty()) {
            return Map.of();
        }
        Files.createDirectories(dir);
        Path ca = Files.writeString(dir.resolve(CA_FILE), settings.get().clientCaPem() + "\n");
        return settings.get().properties(ca);
    }
}
