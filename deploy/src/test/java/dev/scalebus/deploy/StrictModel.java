package dev.scalebus.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads rendered manifests the way an API server decodes them with {@code fieldValidation=Strict} (kubectl's default
 * since 1.27): a field the schema does not know, or a value of the wrong JSON type (a number where a string belongs,
 * as in {@code value: 3}), is an error, where the fabric8 client's lenient loading keeps it in
 * {@code additionalProperties} or coerces it. Kinds without a typed fabric8 model (APIService) load as
 * {@link GenericKubernetesResource} and are only checked for apiVersion, kind and metadata.
 */
final class StrictModel {

    /** One decoded document and the decoding errors found in it (empty when the server would decode it). */
    record Decoded(HasMetadata object, List<String> errors) {
    }

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final KubernetesSerialization KUBE = new KubernetesSerialization();
    private static final JsonMapper STRICT = strictMapper();

    private StrictModel() {
    }

    static List<Decoded> decode(String yaml) {
        List<Decoded> out = new ArrayList<>();
        try (var documents = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
            while (documents.hasNext()) {
                JsonNode doc = documents.next();
                if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                    out.add(decode(doc));
                }
            }
        } catch (IOException e) {
            throw new AssertionError("not YAML: " + e.getMessage(), e);
        }
        return out;
    }

    private static Decoded decode(JsonNode doc) {
        String apiVersion = doc.path("apiVersion").asText();
        String kind = doc.path("kind").asText();
        Class<? extends KubernetesResource> type = KUBE.getRegisteredKubernetesResource(apiVersion, kind);
        List<String> errors = new ArrayList<>();
        if (apiVersion.isEmpty() || kind.isEmpty()) {
            errors.add("apiVersion and kind are required");
        }
        HasMetadata object;
        try {
            object = type == null || type == GenericKubernetesResource.class
                    ? KUBE.convertValue(doc, GenericKubernetesResource.class)
                    : (HasMetadata) STRICT.treeToValue(doc, type);
        } catch (IOException | IllegalArgumentException e) {
            GenericKubernetesResource generic = KUBE.convertValue(doc, GenericKubernetesResource.class);
            errors.add("cannot be decoded: " + e.getMessage().lines().findFirst().orElse(""));
            return new Decoded(generic, errors);
        }
        if (!(object instanceof GenericKubernetesResource)) {
            unknownFields(object, "", errors, new IdentityHashMap<>());
        }
        return new Decoded(object, errors);
    }

    /** Every non-empty additionalProperties map in the object graph is a field the Kubernetes schema does not have. */
    private static void unknownFields(Object o, String path, List<String> errors, Map<Object, Boolean> seen) {
        if (o == null || seen.put(o, Boolean.TRUE) != null) {
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) {
                unknownFields(e, path + "[" + i++ + "]", errors, seen);
            }
            return;
        }
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> unknownFields(v, path + "[" + k + "]", errors, seen));
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : o.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value = invoke(getter, o);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(k -> errors.add((path.isEmpty() ? "" : path + ".") + k
                            + ": unknown field (or a value of the wrong type)"));
                }
            } else {
                String name = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
                unknownFields(value, path.isEmpty() ? name : path + "." + name, errors, seen);
            }
        }
    }

    private static Object invoke(Method getter, Object o) {
        try {
            return getter.invoke(o);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(getter + ": " + e, e);
        }
    }

    /**
     * A plain Jackson mapper without scalar coercions: the model's own annotations decode it (IntOrString and
     * Quantity take a number or a string, as the API server does). Not the client's mapper: its
     * UnmatchedFieldTypeModule lets {@code replicas: "3"} through.
     */
    private static JsonMapper strictMapper() {
        JsonMapper mapper = JsonMapper.builder().disable(MapperFeature.ALLOW_COERCION_OF_SCALARS).build();
        // as Go's encoding/json: no string for a number or boolean, no number or boolean for a string, no 1.5 for an int
        fail(mapper, LogicalType.Textual, CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean);
        fail(mapper, LogicalType.Integer, CoercionInputShape.String, CoercionInputShape.Float,
                CoercionInputShape.Boolean);
        fail(mapper, LogicalType.Float, CoercionInputShape.String, CoercionInputShape.Boolean);
        fail(mapper, LogicalType.Boolean, CoercionInputShape.String, CoercionInputShape.Integer,
                CoercionInputShape.Float);
        return mapper;
    }

    private static void fail(JsonMapper mapper, LogicalType target, CoercionInputShape... shapes) {
        for (CoercionInputShape shape : shapes) {
            mapper.coercionConfigFor(target).setCoercion(shape, CoercionAction.Fail);
        }
    }
}
