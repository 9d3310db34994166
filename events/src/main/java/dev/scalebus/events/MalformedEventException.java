package dev.scalebus.events;

/**
 * An event could not be read: bad JSON, a wrong type, or a required field missing.
 * The message names the event type and what is wrong, so it can go to the dead-letter topic as the reason.
 */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
