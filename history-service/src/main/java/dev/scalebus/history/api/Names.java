package dev.scalebus.history.api;

import java.util.regex.Pattern;

/**
 * Checks the names a request gives (path segments and filters) before they reach SQL: Kubernetes names, so that
 * text PostgreSQL cannot store (a NUL) or absurd lengths answer 400 naming the field, not a database error.
 */
public final class Names {

    /** A namespace: an RFC 1123 DNS label (upstream ValidateNamespaceName). */
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    /** Object names (nodes, pods, containers, workloads, autoscalers, decision ids): lenient, up to 253 chars. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.:]{0,251}[A-Za-z0-9])?");
    /** A kind: Deployment, StatefulSet, ReplicaSet ... */
    private static final Pattern KIND = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,62}");

    private Names() {
    }

    /** A namespace; null stays null (all namespaces). */
    public static String namespace(String value) {
        return check("namespace", value, LABEL, "a DNS label: lower-case letters, digits and '-', up to 63");
    }

    /** An object name; null stays null (any). */
    public static String name(String field, String value) {
        return check(field, value, NAME, "a Kubernetes object name: letters, digits, '-', '_', '.', ':', up to 253");
    }

    /** A kind; null stays null (any). */
    public static String kind(String field, String value) {
        return check(field, value, KIND, "a kind such as Deployment: letters and digits, up to 63");
    }

    private static String check(String field, String value, Pattern pattern, String want) {
        if (value == null) {
            return null;
        }
        if (value.length() > 253 || !pattern.matcher(value).matches()) {
            throw new InvalidRequestException(field, "invalid value '" + printable(value) + "'; want " + want);
        }
        return value;
    }

    /** The value as it may be echoed in an answer: at most 100 characters, control characters escaped. */
    static String printable(String value) {
        String cut = value.length() > 100 ? value.substring(0, 100) + "..." : value;
        StringBuilder b = new StringBuilder(cut.length());
        cut.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }
}
