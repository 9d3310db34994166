package dev.scalebus.metricsapi.selector;

/** A label or field selector that does not parse; the message reads like apimachinery's, for a 400 Status. */
public class SelectorException extends RuntimeException {

    public SelectorException(String message) {
        super(message);
    }
}
