package dev.scalebus.autoscaler.auth;

/** A SubjectAccessReview's answer. */
public record Decision(boolean allowed, String reason) {

    public Decision {
        reason = reason == null ? "" : reason;
    }
}
