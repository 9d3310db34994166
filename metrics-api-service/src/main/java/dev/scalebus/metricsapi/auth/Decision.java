package dev.scalebus.metricsapi.auth;

/** A SubjectAccessReview answer. */
public record Decision(boolean allowed, String reason) {
}
