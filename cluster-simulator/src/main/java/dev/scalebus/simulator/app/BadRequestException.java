package dev.scalebus.simulator.app;

/** A request body the control API cannot use; the message names the field. */
public class BadRequestException extends RuntimeException {

    public BadRequestException(String message) {
        super(message);
    }
}
