package dev.scalebus.collector.scrape;

/** Why one node's scrape failed; the {@code reason} tag of the error counter and of the once-per-reason log. */
public enum FailureReason {
    /** The kubelet answered with a non-2xx status. */
    HTTP_ERROR("http-error"),
    /** The TLS handshake failed: unknown CA, wrong host name, expired certificate. */
    TLS("tls"),
    /** No complete answer within the per-node timeout. */
    TIMEOUT("timeout"),
    /** Nothing listens on the kubelet address and port. */
    CONNECTION_REFUSED("connection-refused"),
    /** Any other network failure (reset, unreachable host, DNS). */
    CONNECTION_FAILED("connection-failed"),
    /** The body was not valid Prometheus text or Summary JSON. */
    MALFORMED("malformed"),
    /** The body exceeded the configured size cap. */
    TOO_LARGE("too-large"),
    /** The Node has no address of any preferred type, so it cannot be scraped. */
    NO_ADDRESS("no-address"),
    /** A bug or an unexpected failure inside the collector. */
    INTERNAL("internal");

    private final String tag;

    FailureReason(String tag) {
        this.tag = tag;
    }

    /** The metric tag / log value, e.g. {@code http-error}. */
    public String tag() {
        return tag;
    }
}
