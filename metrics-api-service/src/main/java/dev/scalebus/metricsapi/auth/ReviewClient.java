package dev.scalebus.metricsapi.auth;

import java.util.Optional;

/** The delegated checks of an aggregated API server, answered by the main apiserver (see kube.FabricReviewClient). */
public interface ReviewClient {

    /** A TokenReview: the user the token belongs to, or empty when the apiserver does not authenticate it. */
    Optional<UserInfo> reviewToken(String token);

    /** A SubjectAccessReview for the user and the request. */
    Decision review(UserInfo user, RequestAttributes attributes);
}
