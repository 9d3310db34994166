package dev.scalebus.simulator.app;

import dev.scalebus.simulator.SimulatedCluster;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * What a setup step would do with kubectl right after the cluster is up, done by the simulator itself so that
 * ./scalebus up and docker-compose (which has no kubectl) share it: register aggregated APIs and create the objects
 * of manifest files.
 */
final class StartupObjects {

    private static final Logger LOG = Logger.getLogger(StartupObjects.class);

    private StartupObjects() {
    }

    /** A {@code GROUP/VERSION=URL} entry of {@code scalebus.simulator.api-services}. */
    record ApiService(String group, String version, URI url) {

        static ApiService parse(String entry) {
            String[] gvAndUrl = entry.split("=", 2);
            String[] gv = gvAndUrl[0].strip().split("/", -1);
            if (gvAndUrl.length != 2 || gv.length != 2 || gv[0].isEmpty() || gv[1].isEmpty()) {
                throw new IllegalArgumentException("scalebus.simulator.api-services: \"" + entry
                        + "\" is not GROUP/VERSION=URL (e.g. metrics.k8s.io/v1beta1=https://127.0.0.1:8443)");
            }
            URI url = URI.create(gvAndUrl[1].strip());
            if (url.getScheme() == null || url.getHost() == null) {
                throw new IllegalArgumentException("scalebus.simulator.api-services: \"" + entry
                        + "\" has no absolute URL after '='");
            }
            return new ApiService(gv[0], gv[1], url);
        }
    }

    static void registerApiServices(SimulatedCluster cluster, List<String> entries) {
        for (String entry : entries) {
            ApiService api = ApiService.parse(entry);
            cluster.registerApiService(api.group(), api.version(), api.url(), null);
            LOG.infof("registered APIService %s.%s -> %s", api.version(), api.group(), api.url());
        }
    }

    static void createManifests(SimulatedCluster cluster, List<String> files) {
        KubernetesClient client = cluster.client();
        for (String file : files) {
            List<HasMetadata> objects;
            try (InputStream in = Files.newInputStream(Path.of(file))) {
                objects = client.load(in).items();
            } catch (IOException e) {
                throw new IllegalArgumentException("scalebus.simulator.manifests: cannot read " + file + ": " + e, e);
            }
            for (HasMetadata object : objects) {
                HasMetadata created = client.resource(object).create();
                LOG.infof("created %s %s from %s", created.getKind(), created.getMetadata().getName(), file);
            }
        }
    }
}
