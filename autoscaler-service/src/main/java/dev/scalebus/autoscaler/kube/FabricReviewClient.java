package dev.scalebus.autoscaler.kube;

import dev.scalebus.autoscaler.auth.Access;
import dev.scalebus.autoscaler.auth.Decision;
import dev.scalebus.autoscaler.auth.ReviewClient;
import dev.scalebus.autoscaler.auth.UserInfo;
import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewStatus;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewSpecBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * TokenReview ({@code authentication.k8s.io/v1}) and SubjectAccessReview ({@code authorization.k8s.io/v1}) against
 * the API server, as a delegating apiserver does; needs the {@code system:auth-delegator} ClusterRole. Errors (API
 * server down, a refused review) are thrown as fabric8's exceptions, after one attempt of at most 5 s.
 */
@ApplicationScoped
public class FabricReviewClient implements ReviewClient {

    /** How long one review may take; the request waits for it, so not fabric8's 10 s with retries. */
    static final int TIMEOUT_MILLIS = 5_000;

    private final KubernetesClient client;

    public FabricReviewClient(KubernetesClient client) {
        // one attempt per review (fabric8 would retry a 5xx answer with backoff for 20-30 s, holding the request's
        // worker thread): a failed review is answered at once (401 / 503) and the client's next request asks again
        this.client = client.newClient(new RequestConfigBuilder(client.getConfiguration().getRequestConfig())
                .withRequestRetryBackoffLimit(0).withRequestTimeout(TIMEOUT_MILLIS).build())
                .adapt(KubernetesClient.class);
    }

    @Override
    public Optional<UserInfo> reviewToken(String token) {
        TokenReview review = new TokenReviewBuilder().withNewSpec().withToken(token).endSpec().build();
        TokenReview answer = client.authentication().v1().tokenReviews().create(review);
        TokenReviewStatus status = answer == null ? null : answer.getStatus();
        if (status == null || !Boolean.TRUE.equals(status.getAuthenticated()) || status.getUser() == null) {
            return Optional.empty();
        }
        var user = status.getUser();
        return Optional.of(new UserInfo(user.getUsername(), user.getUid(), user.getGroups(), user.getExtra()));
    }

    @Override
    public Decision review(UserInfo user, Access access) {
        SubjectAccessReviewSpecBuilder spec = new SubjectAccessReviewSpecBuilder()
                .withUser(user.name()).withUid(user.uid()).withGroups(user.groups()).withExtra(user.extra());
        if (access.resourceRequest()) {
            spec.withNewResourceAttributes().withVerb(access.verb()).withGroup(access.group())
                    .withResource(access.resource())
                    .withNamespace(access.namespace().isEmpty() ? null : access.namespace()).endResourceAttributes();
        } else {
            spec.withNewNonResourceAttributes().withVerb(access.verb()).withPath(access.path())
                    .endNonResourceAttributes();
        }
        SubjectAccessReview answer = client.authorization().v1().subjectAccessReview()
                .create(new SubjectAccessReviewBuilder().withSpec(spec.build()).build());
        if (answer == null || answer.getStatus() == null) {
            throw new IllegalStateException("the API server answered a SubjectAccessReview without a status");
        }
        var s = answer.getStatus();
        String reason = s.getReason() != null && !s.getReason().isEmpty() ? s.getReason()
                : s.getEvaluationError() != null ? s.getEvaluationError() : "";
        return new Decision(Boolean.TRUE.equals(s.getAllowed()) && !Boolean.TRUE.equals(s.getDenied()), reason);
    }
}
