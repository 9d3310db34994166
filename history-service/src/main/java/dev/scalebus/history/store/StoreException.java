package dev.scalebus.history.store;

/** The database refused a write or a query; the message says which. */
public class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
