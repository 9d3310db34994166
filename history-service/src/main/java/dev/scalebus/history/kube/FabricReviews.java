package dev.scalebus.history.kube;

import dev.scalebus.history.auth.Access;
import dev.scalebus.history.auth.ReviewUnavailableException;
import dev.scalebus.history.auth.Reviews;
import dev.scalebus.history.auth.User;
import dev.scalebus.history.auth.Verdict;
import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewStatus;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Optional;

/**
 * TokenReview and SubjectAccessReview against the Kubernetes API server (the service account needs
 * {@code system:auth-delegator}). Any failure to get an answer is a {@link ReviewUnavailableException}. The client
 * is looked up on first use, so that a run with authentication off never builds one.
 */
@ApplicationScoped
public class FabricReviews implements Reviews {

    private final Instance<KubernetesClient> client;

    public FabricReviews(Instance<KubernetesClient> client) {
        this.client = client;
    }

    @Override
    public Optional<User> reviewToken(String token) {
        TokenReview review = new TokenReviewBuilder().withNewSpec().withToken(token).endSpec().build();
        TokenReview answer;
        try {
            answer = client.get().authentication().v1().tokenReviews().create(review);
        } catch (RuntimeException e) {
            throw new ReviewUnavailableException("TokenReview failed: " + e.getMessage(), e);
        }
        TokenReviewStatus status = answer == null ? null : answer.getStatus();
        if (status == null || !Boolean.TRUE.equals(status.getAuthenticated()) || status.getUser() == null) {
            return Optional.empty();
        }
        var user = status.getUser();
        return Optional.of(new User(user.getUsername(), user.getUid(), user.getGroups(), user.getExtra()));
    }

    @Override
    public Verdict review(User user, Access access) {
        SubjectAccessReview review = new SubjectAccessReviewBuilder().withNewSpec()
                .withUser(user.name()).withUid(user.uid()).withGroups(user.groups()).withExtra(user.extra())
                .withNewResourceAttributes().withGroup(Access.GROUP).withResource(access.resource())
                .withVerb(access.verb()).withNamespace(access.namespace()).withName(access.name())
                .endResourceAttributes().endSpec().build();
        SubjectAccessReview answer;
        try {
            answer = client.get().authorization().v1().subjectAccessReview().create(review);
        } catch (RuntimeException e) {
            throw new ReviewUnavailableException("SubjectAccessReview failed: " + e.getMessage(), e);
        }
        if (answer == null || answer.getStatus() == null) {
            throw new ReviewUnavailableException("SubjectAccessReview answered without a status", null);
        }
        String reason = answer.getStatus().getReason();
        return new Verdict(Boolean.TRUE.equals(answer.getStatus().getAllowed()), reason == null ? "" : reason);
    }
}
