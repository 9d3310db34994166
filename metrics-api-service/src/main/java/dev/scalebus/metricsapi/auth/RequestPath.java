package dev.scalebus.metricsapi.auth;

import java.util.Locale;
import java.util.Optional;

/**
 * Request hygiene before authentication and authorization: the raw request URI (as the client sent it, before any
 * decoding or normalization) must not hold a path the router and the authorizer could read differently. Refused:
 * dot segments ({@code /./}, {@code /../}, a trailing {@code /..}, also percent-encoded as {@code %2e}/{@code %2E}),
 * encoded slashes ({@code %2f}/{@code %2F}), backslashes (also {@code %5c}) and empty segments ({@code //}). What
 * passes is routed and authorized as the same path: {@code /apis/metrics.k8s.io/v1beta1/namespaces/mine/../../pods}
 * would otherwise be authorized as resource {@code ..} in namespace {@code mine} and routed to every namespace's pods.
 */
public final class RequestPath {

    private RequestPath() {
    }

    /** Why the raw request URI is refused, or empty when its path is clean. */
    public static Optional<String> problem(String rawUri) {
        String path = pathOf(rawUri);
        String lower = path.toLowerCase(Locale.ROOT);
        if (path.indexOf('\\') >= 0 || lower.contains("%5c")) {
            return Optional.of("a backslash");
        }
        if (lower.contains("%2f")) {
            return Optional.of("an encoded slash (%2F)");
        }
        String[] segments = lower.replace("%2e", ".").split("/", -1);
        for (int i = 1; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.equals(".") || segment.equals("..")) {
                return Optional.of("a dot segment (" + segment + ")");
            }
            if (segment.isEmpty() && i < segments.length - 1) {
                return Optional.of("an empty segment (//)");
            }
        }
        if (!path.startsWith("/")) {
            return Optional.of("no leading slash");
        }
        return Optional.empty();
    }

    /** The path part of a request-target: origin-form {@code /p?q}, or absolute-form {@code https://host/p?q}. */
    static String pathOf(String rawUri) {
        String uri = rawUri == null ? "" : rawUri;
        int scheme = uri.indexOf("://");
        if (scheme > 0 && uri.indexOf('/') > scheme) {
            int slash = uri.indexOf('/', scheme + 3);
            uri = slash < 0 ? "/" : uri.substring(slash);
        }
        int end = uri.length();
        for (char c : new char[] {'?', '#'}) {
            int at = uri.indexOf(c);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return uri.substring(0, end);
    }
}
