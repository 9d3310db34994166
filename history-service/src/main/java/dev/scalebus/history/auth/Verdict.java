package dev.scalebus.history.auth;

/** A SubjectAccessReview answer. */
public record Verdict(boolean allowed, String reason) {
}
