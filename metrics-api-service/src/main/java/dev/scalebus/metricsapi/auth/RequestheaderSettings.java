package dev.scalebus.metricsapi.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The front-proxy (aggregator) settings the main apiserver publishes in the ConfigMap
 * kube-system/extension-apiserver-authentication, which k8s.io/apiserver's delegating authentication reads for
 * metrics-server: {@code requestheader-client-ca-file} (PEM bundle) and, as JSON arrays,
 * {@code requestheader-allowed-names}, {@code -username-headers}, {@code -group-headers},
 * {@code -extra-headers-prefix}. An empty {@code clientCaPem} means the apiserver has no front proxy configured.
 */
public record RequestheaderSettings(String clientCaPem, List<String> allowedNames, List<String> usernameHeaders,
        List<String> groupHeaders, List<String> extraHeadersPrefix) {

    public static final String NAMESPACE = "kube-system";
    public static final String CONFIG_MAP = "extension-apiserver-authentication";
    private static final String PREFIX = "scalebus.metrics-api.requestheader.";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    /** @throws IllegalArgumentException naming the key whose value is not a JSON array of strings */
    public static RequestheaderSettings fromConfigMapData(Map<String, String> data) {
        return new RequestheaderSettings(data.getOrDefault("requestheader-client-ca-file", "").strip(),
                list(data, "requestheader-allowed-names"), list(data, "requestheader-username-headers"),
                list(data, "requestheader-group-headers"), list(data, "requestheader-extra-headers-prefix"));
    }

    private static List<String> list(Map<String, String> data, String key) {
        String json = data.get(key);
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            List<String> values = MAPPER.readValue(json, STRINGS);
            return values == null ? List.of() : List.copyOf(values);
        } catch (JsonProcessingException | NullPointerException e) {
            throw new IllegalArgumentException(CONFIG_MAP + " key " + key + " is not a JSON array of strings: " + json);
        }
    }

    public boolean hasClientCa() {
        return !clientCaPem.isEmpty();
    }

    /**
     * The {@code scalebus.metrics-api.requestheader.*} properties these settings give, with the CA bundle written to
     * {@code caFile}. A list the ConfigMap leaves empty is left out, so the service's default stands (an empty
     * allowed-names list means any CN the CA signed, as upstream).
     */
    public Map<String, String> properties(Path caFile) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(PREFIX + "client-ca-file", caFile.toString());
        putList(properties, "allowed-names", allowedNames);
        putList(properties, "username-headers", usernameHeaders);
        putList(properties, "group-headers", groupHeaders);
        putList(properties, "extra-headers-prefix", extraHeadersPrefix);
        return properties;
    }

    private static void putList(Map<String, String> properties, String name, List<String> values) {
        if (!values.isEmpty()) {
            // SmallRye Config splits list values on unescaped commas
            properties.put(PREFIX + name, String.join(",", values.stream().map(v -> v.replace(",", "\\,")).toList()));
        }
    }
}
