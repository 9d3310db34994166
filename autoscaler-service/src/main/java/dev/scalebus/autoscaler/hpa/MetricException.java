package dev.scalebus.autoscaler.hpa;

/** A metric whose replica count could not be computed; the message is upstream's error text. */
public final class MetricException extends Exception {

    public MetricException(String message) {
        super(message, null, false, false);
    }
}
