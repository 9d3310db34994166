package dev.scalebus.history.auth;

/** A TokenReview or SubjectAccessReview could not be made (API server unreachable, erroring, timing out). */
public class ReviewUnavailableException extends RuntimeException {

    public ReviewUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
