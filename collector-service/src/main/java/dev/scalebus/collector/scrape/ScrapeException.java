package dev.scalebus.collector.scrape;

/** One node's scrape failed for a classified {@link FailureReason}; the message says what exactly. */
public class ScrapeException extends Exception {

    private final FailureReason reason;

    public ScrapeException(FailureReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ScrapeException(FailureReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public FailureReason reason() {
        return reason;
    }

    public static ScrapeException malformed(String message) {
        return new ScrapeException(FailureReason.MALFORMED, message);
    }
}
