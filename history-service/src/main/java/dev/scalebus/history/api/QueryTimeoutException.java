package dev.scalebus.history.api;

/** A history query ran longer than {@code scalebus.history.api.query-timeout} and was cancelled. */
public class QueryTimeoutException extends RuntimeException {

    public QueryTimeoutException(int seconds) {
        super("query exceeded the " + seconds + " s limit (scalebus.history.api.query-timeout) and was cancelled;"
                + " ask for a shorter range or a coarser step");
    }
}
