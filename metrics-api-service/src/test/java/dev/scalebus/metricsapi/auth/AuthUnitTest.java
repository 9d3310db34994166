package dev.scalebus.metricsapi.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebus.metricsapi.api.KubeStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Authentication and authorization logic against an interface-level fake of the apiserver's reviews. */
class AuthUnitTest {

    /** Answers TokenReviews for one token and allows only "alice" to get/list pods. */
    static final class FakeReviews implements ReviewClient {
        final List<String> tokenCalls = new ArrayList<>();
        final List<RequestAttributes> sarCalls = new ArrayList<>();

        @Override
        public Optional<UserInfo> reviewToken(String token) {
            tokenCalls.add(token);
            return token.equals("good") ? Optional.of(new UserInfo("alice", "u1", List.of("dev"), Map.of()))
                    : Optional.empty();
        }

        @Override
        public Decision review(UserInfo user, RequestAttributes attributes) {
            sarCalls.add(attributes);
            boolean allowed = user.name().equals("alice") && attributes.resource().equals("pods");
            return new Decision(allowed, allowed ? "RBAC: allowed" : "");
        }
    }

    private Instant now = Instant.parse("2026-11-22T01:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final FakeReviews reviews = new FakeReviews();
    private final Authenticator authenticator = new Authenticator(reviews, clock, Duration.ofSeconds(10), List.of(),
            java.util.Set.of(), List.of("X-Remote-User"), List.of("X-Remote-Group"), List.of("X-Remote-Extra-"));

    @Test
    void noCredentialsIsAnonymous() {
        AuthenticationResult r = authenticator.authenticate(Map.of(), null);
        assertThat(r.user().name()).isEqualTo("system:anonymous");
        assertThat(r.user().groups()).containsExactly("system:unauthenticated");
    }

    @Test
    void aRejectedTokenIsUnauthorizedNotAnonymous() {
        AuthenticationResult r = authenticator.authenticate(Map.of("authorization", List.of("Bearer nope")), null);
        assertThat(r.authenticated()).isFalse();
    }

    @Test
    void aGoodTokenAuthenticatesAndIsCachedForItsTtl() {
        Map<String, List<String>> headers = Map.of("authorization", List.of("Bearer good"));
        AuthenticationResult r = authenticator.authenticate(headers, null);
        assertThat(r.user().name()).isEqualTo("alice");
        assertThat(r.user().groups()).containsExactly("dev", "system:authenticated");

        authenticator.authenticate(headers, null);
        assertThat(reviews.tokenCalls).hasSize(1);
        now = now.plusSeconds(11);
        authenticator.authenticate(headers, null);
        assertThat(reviews.tokenCalls).hasSize(2);
    }

    @Test
    void requestHeadersWithoutAClientCertificateAreIgnored() {
        AuthenticationResult r = authenticator.authenticate(Map.of("x-remote-user", List.of("admin")), null);
        assertThat(r.user().name()).isEqualTo("system:anonymous");
    }

    @Test
    void classifiesPathsAsTheApiserversRequestInfo() {
        assertThat(RequestAttributes.of("GET", "/apis/metrics.k8s.io/v1beta1/namespaces/ns/pods/p"))
                .isEqualTo(new RequestAttributes(true, "get", "metrics.k8s.io", "v1beta1", "pods", "", "ns", "p",
                        "/apis/metrics.k8s.io/v1beta1/namespaces/ns/pods/p"));
        assertThat(RequestAttributes.of("GET", "/apis/metrics.k8s.io/v1beta1/namespaces/ns/pods").verb())
                .isEqualTo("list");
        assertThat(RequestAttributes.of("GET", "/apis/metrics.k8s.io/v1beta1/pods").namespace()).isEmpty();
        assertThat(RequestAttributes.of("GET", "/apis/metrics.k8s.io/v1beta1/nodes/n1").name()).isEqualTo("n1");
        assertThat(RequestAttributes.of("GET", "/apis").resourceRequest()).isFalse();
        assertThat(RequestAttributes.of("GET", "/apis/custom.metrics.k8s.io/v1beta2").resourceRequest()).isFalse();
    }

    @Test
    void classifiesCustomAndExternalMetricsPathsAsTheApiserversRequestInfo() {
        RequestAttributes pods = RequestAttributes.of("GET",
                "/apis/custom.metrics.k8s.io/v1beta2/namespaces/ns/pods/*/http_requests");
        assertThat(List.of(pods.verb(), pods.apiGroup(), pods.apiVersion(), pods.resource(), pods.name(),
                pods.subresource(), pods.namespace())).containsExactly("get", "custom.metrics.k8s.io", "v1beta2",
                        "pods", "*", "http_requests", "ns");
        assertThat(pods.resourceWithSubresource()).isEqualTo("pods/http_requests");
        RequestAttributes namespace = RequestAttributes.of("GET",
                "/apis/custom.metrics.k8s.io/v1beta1/namespaces/ns/metrics/http_requests");
        assertThat(List.of(namespace.resource(), namespace.name(), namespace.namespace()))
                .containsExactly("metrics", "http_requests", "ns");
        RequestAttributes external = RequestAttributes.of("GET",
                "/apis/external.metrics.k8s.io/v1beta1/namespaces/ns/queue_messages_cnt");
        assertThat(List.of(external.verb(), external.resource(), external.name())).containsExactly("list",
                "queue_messages_cnt", "");
        RequestAttributes root = RequestAttributes.of("GET", "/apis/custom.metrics.k8s.io/v1beta2/nodes/n1/m");
        assertThat(List.of(root.resource(), root.name(), root.subresource(), root.namespace()))
                .containsExactly("nodes", "n1", "m", "");
    }

    @Test
    void cachesDecisionsPerUserAndRequestForTheirTtl() {
        Authorizer authorizer = new Authorizer(reviews, clock, Duration.ofSeconds(10), Duration.ofSeconds(5));
        UserInfo alice = new UserInfo("alice", "", List.of(), Map.of());
        RequestAttributes list = RequestAttributes.of("GET", "/apis/metrics.k8s.io/v1beta1/namespaces/ns/pods");
        RequestAttributes nodes = RequestAttributes.of("GET", "/apis/metrics.k8s.io/v1beta1/nodes");

        assertThat(authorizer.authorize(alice, list).allowed()).isTrue();
        assertThat(authorizer.authorize(alice, list).allowed()).isTrue();
        assertThat(authorizer.authorize(alice, nodes).allowed()).isFalse();
        assertThat(reviews.sarCalls).hasSize(2);

        now = now.plusSeconds(6); // denied TTL over, allowed TTL not
        authorizer.authorize(alice, list);
        authorizer.authorize(alice, nodes);
        assertThat(reviews.sarCalls).hasSize(3);
    }

    @Test
    void forbiddenMessageReadsAsTheApiserversOne() {
        assertThat(KubeStatus.forbidden("system:anonymous",
                RequestAttributes.of("GET", "/apis/metrics.k8s.io/v1beta1/namespaces/yuchao/pods/x"), "").getMessage())
                .isEqualTo("pods.metrics.k8s.io \"x\" is forbidden: User \"system:anonymous\" cannot get resource "
                        + "\"pods\" in API group \"metrics.k8s.io\" in the namespace \"yuchao\"");
        assertThat(KubeStatus.forbidden("bob",
                RequestAttributes.of("GET", "/apis/metrics.k8s.io/v1beta1/nodes"), "").getMessage())
                .isEqualTo("nodes.metrics.k8s.io is forbidden: User \"bob\" cannot list resource \"nodes\" in API "
                        + "group \"metrics.k8s.io\" at the cluster scope");
        assertThat(KubeStatus.forbidden("bob", RequestAttributes.of("GET",
                "/apis/custom.metrics.k8s.io/v1beta2/namespaces/ns/pods/*/http_requests"), "").getMessage())
                .isEqualTo("pods.custom.metrics.k8s.io \"*\" is forbidden: User \"bob\" cannot get resource "
                        + "\"pods/http_requests\" in API group \"custom.metrics.k8s.io\" in the namespace \"ns\"");
    }
}
