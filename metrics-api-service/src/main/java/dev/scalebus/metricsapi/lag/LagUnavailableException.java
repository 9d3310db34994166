package dev.scalebus.metricsapi.lag;

/** The broker could not answer the offset queries; the API answers 503 ServiceUnavailable with this message. */
public class LagUnavailableException extends RuntimeException {

    public LagUnavailableException(String message) {
        super(message);
    }
}
