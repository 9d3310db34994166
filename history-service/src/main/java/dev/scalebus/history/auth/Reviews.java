package dev.scalebus.history.auth;

import java.util.Optional;

/** The two delegated checks, answered by the Kubernetes API server (kube.FabricReviews). */
public interface Reviews {

    /**
     * A TokenReview: the user the token belongs to, or empty when the API server does not authenticate it.
     *
     * @throws ReviewUnavailableException when the API server cannot be asked or does not answer
     */
    Optional<User> reviewToken(String token);

    /**
     * A SubjectAccessReview for the user and the access.
     *
     * @throws ReviewUnavailableException when the API server cannot be asked or does not answer
     */
    Verdict review(User user, Access access);
}
