package dev.scalebus.metricsapi.kube;

import dev.scalebus.metricsapi.auth.Decision;
import dev.scalebus.metricsapi.auth.ReviewClient;
import dev.scalebus.metricsapi.auth.RequestAttributes;
import dev.scalebus.metricsapi.auth.UserInfo;
import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewStatus;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewSpecBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** TokenReview and SubjectAccessReview against the main apiserver, as metrics-server's delegated authn/authz. */
@ApplicationScoped
public class FabricReviewClient implements ReviewClient {

    private final KubernetesClient client;

    public FabricReviewClient(KubernetesClient client) {
        this.client = client;
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
    public Decision review(UserInfo user, RequestAttributes attributes) {
        SubjectAccessReviewSpecBuilder spec = new SubjectAccessReviewSpecBuilder()
                .withUser(user.name()).withUid(user.uid()).withGroups(user.groups()).withExtra(user.extra());
        if (attributes.resourceRequest()) {
            spec.withNewResourceAttributes().withGroup(attributes.apiGroup())
                    .withVersion(attributes.apiVersion()).withResource(attributes.resource())
                    .withSubresource(attributes.subresource()).withVerb(attributes.verb())
                    .withNamespace(attributes.namespace()).withName(attributes.name()).endResourceAttributes();
        } else {
            spec.withNewNonResourceAttributes().withPath(attributes.path()).withVerb(attributes.verb())
                    .endNonResourceAttributes();
        }
        SubjectAccessReview review = new SubjectAccessReviewBuilder().withSpec(spec.build()).build();
        SubjectAccessReview answer = client.authorization().v1().subjectAccessReview().create(review);
        if (answer == null || answer.getStatus() == null) {
            return new Decision(false, "");
        }
        return new Decision(Boolean.TRUE.equals(answer.getStatus().getAllowed()),
                answer.getStatus().getReason() == null ? "" : answer.getStatus().getReason());
    }
}
