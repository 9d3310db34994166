package dev.scalebus.autoscaler.auth;

import java.util.Optional;

/**
 * The two delegated checks, answered by the Kubernetes API server (see {@code kube.FabricReviewClient}). Both throw
 * when the review cannot be made (API server unreachable, an error status).
 */
public interface ReviewClient {

    /** A TokenReview: the user the token belongs to, or empty when the API server does not authenticate it. */
    Optional<UserInfo> reviewToken(String token);

    /** A SubjectAccessReview: may {@code user} do {@code access}? */
    Decision review(UserInfo user, Access access);
}
