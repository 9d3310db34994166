package dev.scalebus.autoscaler.api;

/** Input the service cannot use; {@code field} is the JSON path of the offending field. */
public final class BadInputException extends RuntimeException {

    private final String field;

    public BadInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
