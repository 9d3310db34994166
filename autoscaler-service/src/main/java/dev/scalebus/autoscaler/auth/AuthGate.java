package dev.scalebus.autoscaler.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The service's security chain as plain Java: bearer token → TokenReview ({@link Authenticator}) → SubjectAccessReview
 * ({@link Authorizer}). Fails closed: no token is 401 (there is no anonymous access), a TokenReview that cannot be
 * made is 401 as in the apiserver, a SubjectAccessReview that cannot be made is 503. Disabled (local run only):
 * everything is allowed as {@code system:anonymous}.
 */
public final class AuthGate {

    private final boolean enabled;
    private final Authenticator authenticator;
    private final Authorizer authorizer;

    public AuthGate(boolean enabled, ReviewClient reviews, Clock clock, Duration tokenTtl, Duration allowedTtl,
            Duration deniedTtl) {
        this.enabled = enabled;
        this.authenticator = new Authenticator(reviews, clock, tokenTtl);
        this.authorizer = new Authorizer(reviews, clock, allowedTtl, deniedTtl);
    }

    public boolean enabled() {
        return enabled;
    }

    /**
     * @param authorization the request's Authorization header (may be null)
     * @param access        what the request asks to do
     */
    public Verdict check(String authorization, Access access) {
        if (!enabled) {
            return new Verdict.Allowed(UserInfo.ANONYMOUS);
        }
        String token = Authenticator.bearerToken(authorization);
        if (token == null) {
            return new Verdict.Unauthenticated(authorization == null ? "no bearer token"
                    : "the Authorization header is not a bearer token");
        }
        Optional<UserInfo> user;
        try {
            user = authenticator.authenticate(token);
        } catch (RuntimeException e) {
            return new Verdict.Unauthenticated("token review failed: " + e.getMessage());
        }
        if (user.isEmpty()) {
            return new Verdict.Unauthenticated("invalid bearer token");
        }
        Decision decision;
        try {
            decision = authorizer.authorize(user.get(), access);
        } catch (RuntimeException e) {
            return new Verdict.Unavailable(user.get(), "subject access review failed: " + e.getMessage());
        }
        return decision.allowed() ? new Verdict.Allowed(user.get())
                : new Verdict.Forbidden(user.get(), access, decision.reason());
    }
}
