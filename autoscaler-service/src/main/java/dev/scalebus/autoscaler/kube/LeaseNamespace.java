package dev.scalebus.autoscaler.kube;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the Lease lives: the configured namespace, else the pod's own namespace (POD_NAMESPACE from the downward API,
 * else the service account's namespace file that every pod gets), else {@code default}. Two installs in two
 * namespaces must not share one lease, so the pod's namespace beats a fixed default.
 */
public final class LeaseNamespace {

    /** The namespace file Kubernetes mounts into every pod with a service account token. */
    public static final Path SERVICE_ACCOUNT_NAMESPACE = Path.of(
            "/var/run/secrets/kubernetes.io/serviceaccount/namespace");

    private LeaseNamespace() {
    }

    public static String resolve(Optional<String> configured, Map<String, String> env, Path serviceAccountFile) {
        if (configured.isPresent() && !configured.get().isBlank()) {
            return configured.get().trim();
        }
        String fromEnv = env.get("POD_NAMESPACE");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.trim();
        }
        try {
            if (Files.isReadable(serviceAccountFile)) {
                String fromFile = Files.readString(serviceAccountFile).trim();
                if (!fromFile.isEmpty()) {
                    return fromFile;
                }
            }
        } catch (IOException e) {
            // unreadable: not in a pod, or no service account mounted; fall through to the default
        }
        return "default";
    }
}
