package dev.scalebus.deploy;

import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A container's env and envFrom as kubernetes v1.32 pkg/apis/core/validation/validation.go validates them: names
 * (IsEnvVarName), exactly one valueFrom source and no value beside it, downward-API field paths, key selectors.
 */
final class EnvRules {

    /** validEnvDownwardAPIFieldPathExpressions; metadata.labels['k'] and metadata.annotations['k'] are also valid. */
    static final Set<String> ENV_FIELD_PATHS = Set.of("metadata.name", "metadata.namespace", "metadata.uid",
            "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP",
            "status.podIPs");

    private EnvRules() {
    }

    /** ValidateEnv and validateEnvVarValueFrom. */
    static void env(List<EnvVar> env, String path, Problems p) {
        for (int i = 0; i < (env == null ? 0 : env.size()); i++) {
            EnvVar e = env.get(i);
            String ep = path + "[" + i + "]";
            p.check(ep + ".name", Names.envVarName(e.getName()));
            EnvVarSource from = e.getValueFrom();
            if (from == null) {
                continue;
            }
            long sources = Stream.of(from.getFieldRef(), from.getResourceFieldRef(), from.getConfigMapKeyRef(),
                    from.getSecretKeyRef()).filter(Objects::nonNull).count();
            if (sources == 0) {
                p.add(ep + ".valueFrom", "Invalid value: \"\": must specify one of: `fieldRef`, `resourceFieldRef`,"
                        + " `configMapKeyRef` or `secretKeyRef`");
            } else if (sources > 1) {
                p.add(ep + ".valueFrom", "Invalid value: \"\": may not have more than one field specified at a time");
            }
            if (sources > 0 && e.getValue() != null && !e.getValue().isEmpty()) {
                p.add(ep + ".valueFrom", "Invalid value: \"\": may not be specified when `value` is not empty");
            }
            if (from.getFieldRef() != null) {
                String field = from.getFieldRef().getFieldPath();
                boolean subscript = field != null && field.matches("metadata\\.(labels|annotations)\\['[^']+'\\]");
                if (subscript) {
                    p.check(ep + ".valueFrom.fieldRef.fieldPath",
                            Names.qualifiedName(field.substring(field.indexOf("['") + 2, field.length() - 2)));
                } else if (!ENV_FIELD_PATHS.contains(field)) {
                    p.add(ep + ".valueFrom.fieldRef.fieldPath", "Unsupported value: \"" + field + "\"");
                }
            }
            if (from.getSecretKeyRef() != null) {
                keyRef(from.getSecretKeyRef().getName(), from.getSecretKeyRef().getKey(), ep + ".valueFrom.secretKeyRef",
                        p);
            }
            if (from.getConfigMapKeyRef() != null) {
                keyRef(from.getConfigMapKeyRef().getName(), from.getConfigMapKeyRef().getKey(),
                        ep + ".valueFrom.configMapKeyRef", p);
            }
        }
    }

    /** validateSecretKeySelector / validateConfigMapKeySelector. */
    private static void keyRef(String name, String key, String path, Problems p) {
        if (name == null || name.isEmpty()) {
            p.add(path + ".name", "Required value");
        }
        p.check(path + ".key", Names.configMapKey(key));
    }

    /** ValidateEnvFrom: exactly one of configMapRef and secretRef. */
    static void envFrom(List<EnvFromSource> envFrom, String path, Problems p) {
        for (int i = 0; i < (envFrom == null ? 0 : envFrom.size()); i++) {
            EnvFromSource e = envFrom.get(i);
            if ((e.getConfigMapRef() == null) == (e.getSecretRef() == null)) {
                p.add(path + "[" + i + "]", "Invalid value: \"\": must specify exactly one of configMapRef and"
                        + " secretRef");
            }
        }
    }
}
