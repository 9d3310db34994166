package dev.scalebus.autoscaler.history;

/**
 * A failed read of history-service: it refused the query (400: its field and message), refused us (401/403),
 * could not be reached or answered 5xx, or the read went over a cap.
 */
public final class HistoryException extends RuntimeException {

    public enum Kind { REFUSED, DENIED, UNAVAILABLE, TOO_MANY, TOO_SLOW }

    private final Kind kind;
    private final String field;

    public HistoryException(Kind kind, String field, String message) {
        super(message);
        this.kind = kind;
        this.field = field;
    }

    public Kind kind() {
        return kind;
    }

    /** For REFUSED: the query parameter history named (from, to, namespace, ...); else null. */
    public String field() {
        return field;
    }
}
