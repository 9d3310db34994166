package dev.scalebus.autoscaler.api;

/**
 * A request the service will not run; {@code field} is the JSON path of the offending field. Usually 400; 413 for a
 * body over the size limit, 503 for a simulation that ran past its wall-time limit.
 */
public final class BadInputException extends RuntimeException {

    private final int status;
    private final String field;

    public BadInputException(String field, String message) {
        this(400, field, message);
    }

    public BadInputException(int status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }
}
