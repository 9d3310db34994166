package dev.scalebus.deploy;

import java.util.regex.Pattern;

/**
 * The name formats of k8s.io/apimachinery/pkg/util/validation/validation.go (v1.32), each returning null when the
 * value is valid or the API server's own message when it is not.
 */
final class Names {

    private static final String LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final Pattern DNS1123_LABEL = Pattern.compile(LABEL);
    private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile(LABEL + "(\\." + LABEL + ")*");
    private static final Pattern DNS1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern QUALIFIED_NAME_PART = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern C_IDENTIFIER_ISH_ENV = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");
    private static final Pattern CONFIG_MAP_KEY = Pattern.compile("[-._a-zA-Z0-9]+");
    private static final Pattern IANA_SVC_NAME = Pattern.compile("[-a-z0-9]+");

    private Names() {
    }

    /** IsDNS1123Label: container, volume and Service port names, namespaces. */
    static String dns1123Label(String v) {
        return v != null && v.length() <= 63 && DNS1123_LABEL.matcher(v).matches() ? null
                : "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start"
                + " and end with an alphanumeric character (at most 63)";
    }

    /** IsDNS1123Subdomain: the names of most objects. */
    static String dns1123Subdomain(String v) {
        return v != null && v.length() <= 253 && DNS1123_SUBDOMAIN.matcher(v).matches() ? null
                : "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and"
                + " must start and end with an alphanumeric character (at most 253)";
    }

    /** IsDNS1035Label: Service names. */
    static String dns1035Label(String v) {
        return v != null && v.length() <= 63 && DNS1035_LABEL.matcher(v).matches() ? null
                : "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an"
                + " alphabetic character, and end with an alphanumeric character (at most 63)";
    }

    /** IsValidPathSegmentName (apimachinery/pkg/api/validation/path): RBAC names such as scalebus:collector. */
    static String pathSegment(String v) {
        return v != null && !v.isEmpty() && !v.equals(".") && !v.equals("..") && !v.contains("/") && !v.contains("%")
                ? null : "may not be '.', '..', or contain '/' or '%'";
    }

    /** IsQualifiedName: label keys, annotation keys. */
    static String qualifiedName(String v) {
        if (v == null || v.isEmpty()) {
            return "name part must be non-empty";
        }
        int slash = v.indexOf('/');
        String name = slash < 0 ? v : v.substring(slash + 1);
        if (slash >= 0 && (v.lastIndexOf('/') != slash || dns1123Subdomain(v.substring(0, slash)) != null)) {
            return "prefix part must be a DNS-1123 subdomain, followed by a single '/'";
        }
        return name.length() <= 63 && QUALIFIED_NAME_PART.matcher(name).matches() ? null
                : "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an"
                + " alphanumeric character (at most 63)";
    }

    /** IsValidLabelValue. */
    static String labelValue(String v) {
        return v != null && (v.isEmpty() || v.length() <= 63 && QUALIFIED_NAME_PART.matcher(v).matches()) ? null
                : "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and"
                + " must start and end with an alphanumeric character (at most 63)";
    }

    /** IsEnvVarName, the rule in force without the RelaxedEnvironmentVariableValidation feature gate. */
    static String envVarName(String v) {
        return v != null && C_IDENTIFIER_ISH_ENV.matcher(v).matches() ? null
                : "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.',"
                + " and must not start with a digit";
    }

    /** IsConfigMapKey: keys of configMapKeyRef and secretKeyRef. */
    static String configMapKey(String v) {
        return v != null && v.length() <= 253 && CONFIG_MAP_KEY.matcher(v).matches() ? null
                : "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";
    }

    /** IsValidPortName (IANA_SVC_NAME): container port names and named probe or target ports. */
    static String portName(String v) {
        boolean ok = v != null && !v.isEmpty() && v.length() <= 15 && IANA_SVC_NAME.matcher(v).matches()
                && v.chars().anyMatch(c -> c >= 'a' && c <= 'z') && !v.contains("--") && !v.startsWith("-")
                && !v.endsWith("-");
        return ok ? null : "must be an IANA_SVC_NAME (at most 15 characters, [-a-z0-9], at least one letter, no"
                + " leading, trailing or double '-')";
    }

    /** IsValidPortNum. */
    static String portNumber(Integer v) {
        return v != null && v >= 1 && v <= 65535 ? null : "must be between 1 and 65535, inclusive";
    }
}
