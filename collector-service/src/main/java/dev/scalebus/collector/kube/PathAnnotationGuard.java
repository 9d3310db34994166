package dev.scalebus.collector.kube;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Vets the node annotation {@value NodeAddressChooser#PATH_ANNOTATION} before it is followed with the collector's
 * bearer token: only an absolute path is taken (one leading {@code /}, no {@code //}, no {@code .}/{@code ..}
 * segments, no scheme, authority, {@code @}-userinfo trick, query, fragment, percent-encoding, backslash, whitespace
 * or control character; at most {@value #MAX_LENGTH} characters). Anything else is ignored, the configured path
 * used, counted once and logged at INFO once per node and value (not per scrape).
 */
public final class PathAnnotationGuard {

    private static final Logger LOG = Logger.getLogger(PathAnnotationGuard.class);
    static final int MAX_LENGTH = 256;
    /** RFC 3986 path characters without percent-encoding: unreserved, sub-delims, ':' and '@', and '/'. */
    private static final Pattern PATH_CHARS = Pattern.compile("[A-Za-z0-9._~!$&'()*+,;=:@/-]*");

    /** The value last refused per node, so a node is logged once, again only when its annotation changes. */
    private final Map<String, String> refused = new ConcurrentHashMap<>();
    private final AtomicLong ignored = new AtomicLong();

    /** Why {@code value} is not a path the collector follows, or empty when it is one. */
    public static Optional<String> problem(String value) {
        if (value.length() > MAX_LENGTH) {
            return Optional.of("longer than " + MAX_LENGTH + " characters");
        }
        if (!value.startsWith("/")) {
            return Optional.of("not an absolute path (it must start with /)");
        }
        if (!PATH_CHARS.matcher(value).matches()) {
            return Optional.of("a character outside a plain URL path (query, fragment, %, backslash, whitespace, "
                    + "control or non-ASCII)");
        }
        if (value.contains("//")) {
            return Optional.of("an empty segment (//), which would name another host");
        }
        for (String segment : value.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                return Optional.of("a dot segment (" + segment + ")");
            }
        }
        return Optional.empty();
    }

    /** The annotated path when it passes, else {@code defaultPath} (the refusal counted and logged once per node). */
    public String pathFor(String node, String annotated, String defaultPath) {
        if (annotated == null || annotated.isBlank()) {
            refused.remove(node);
            return defaultPath;
        }
        Optional<String> problem = problem(annotated);
        if (problem.isEmpty()) {
            refused.remove(node);
            return annotated;
        }
        if (!annotated.equals(refused.put(node, annotated))) {
            ignored.incrementAndGet();
            LOG.infof("node %s: ignoring annotation %s=\"%s\" (%s); scraping %s on the node's own address [correlation"
                    + " node/%s]", node, NodeAddressChooser.PATH_ANNOTATION, printable(annotated), problem.get(),
                    defaultPath, node);
        }
        return defaultPath;
    }

    /** Forgets a node that went away, so the refused map stays as large as the cluster. */
    public void forget(String node) {
        refused.remove(node);
    }

    /** Annotation values refused so far (each node and value once). */
    public long ignoredAnnotations() {
        return ignored.get();
    }

    private static String printable(String value) {
        StringBuilder b = new StringBuilder();
        value.codePoints().limit(MAX_LENGTH).forEach(c -> {
            if (c < 0x20 || c == 0x7f || c > 0x7e) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.append((char) c);
            }
        });
        return value.length() > MAX_LENGTH ? b + "..." : b.toString();
    }
}
