package dev.scalebus.history.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses an equality-based Kubernetes label selector ({@code app=web,tier==front}) into the labels a pod must
 * carry. Set-based requirements (in, notin, !=, exists) are refused with a 400 rather than half-applied.
 */
public final class LabelSelector {

    // a label key: optional DNS prefix and a name of up to 63 characters (upstream validation.IsQualifiedName)
    private static final Pattern KEY = Pattern.compile("([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
    private static final Pattern VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?");

    private LabelSelector() {
    }

    public static Map<String, String> parse(String selector) {
        if (selector == null || selector.isBlank()) {
            throw new InvalidRequestException("labelSelector", "must not be empty");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (String requirement : selector.split(",")) {
            String r = requirement.trim();
            if (r.contains("!=") || r.contains(" in ") || r.contains(" notin ") || r.startsWith("!")) {
                throw new InvalidRequestException("labelSelector",
                        "only equality requirements (key=value) are supported, got '" + r + "'");
            }
            String[] kv = r.split("==?", 2);
            if (kv.length != 2) {
                throw new InvalidRequestException("labelSelector", "want key=value, got '" + r + "'");
            }
            String key = kv[0].trim();
            String value = kv[1].trim();
            if (!KEY.matcher(key).matches() || !VALUE.matcher(value).matches()) {
                throw new InvalidRequestException("labelSelector", "invalid label requirement '" + r + "'");
            }
            labels.put(key, value);
        }
        return labels;
    }
}
