package dev.scalebus.metricsapi.api;

import java.util.Map;

/** An API error carrying what its Kubernetes {@code Status} body says; rendered by {@link StatusExceptionMapper}. */
public class StatusException extends RuntimeException {

    private final int code;
    private final String reason;
    private final Map<String, Object> details;

    public StatusException(int code, String reason, String message, Map<String, Object> details) {
        super(message, null, false, false);
        this.code = code;
        this.reason = reason;
        this.details = details;
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    public Map<String, Object> details() {
        return details;
    }
}
