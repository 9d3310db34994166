package dev.scalebus.autoscaler.auth;

/** What {@link AuthGate} decided for one request. */
public sealed interface Verdict {

    /** Go ahead, as {@code user}. */
    record Allowed(UserInfo user) implements Verdict {
    }

    /** 401: no token, a token the API server rejects, or a TokenReview that could not be made ({@code why}). */
    record Unauthenticated(String why) implements Verdict {
    }

    /** 403: the SubjectAccessReview said no. */
    record Forbidden(UserInfo user, Access access, String reason) implements Verdict {
    }

    /** 503: the SubjectAccessReview could not be made ({@code why}); nothing is allowed without it. */
    record Unavailable(UserInfo user, String why) implements Verdict {
    }
}
