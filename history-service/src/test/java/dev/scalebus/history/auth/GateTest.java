package dev.scalebus.history.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The authentication and authorization logic as plain Java: caches by TTL, failures, the answers' words. */
class GateTest {

    final FakeReviews reviews = new FakeReviews();
    final FakeReviews.MutableClock clock = new FakeReviews.MutableClock();
    final Authenticator authenticator = new Authenticator(reviews, clock, Duration.ofSeconds(10));
    final Authorizer authorizer = new Authorizer(reviews, clock, Duration.ofSeconds(10), Duration.ofSeconds(3));
    final Gate gate = new Gate(authenticator, authorizer);
    final Access aliceNs = new Access("list", "samples", "alice", null);

    @BeforeEach
    void users() {
        reviews.users.put("tok-alice", FakeReviews.user("alice"));
        reviews.allowed = (u, a) -> u.name().equals("alice") && "alice".equals(a.namespace());
    }

    @Test
    void aTokenReviewIsReusedForItsTtlKeyedByTheTokensHash() {
        assertThat(authenticator.authenticate("Bearer tok-alice").user().name()).isEqualTo("alice");
        assertThat(authenticator.authenticate("bearer tok-alice").user().name()).isEqualTo("alice");
        clock.advance(Duration.ofSeconds(9));
        assertThat(authenticator.authenticate("Bearer tok-alice").authenticated()).isTrue();
        assertThat(reviews.tokenReviews).hasSize(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(authenticator.authenticate("Bearer tok-alice").authenticated()).isTrue();
        assertThat(reviews.tokenReviews).hasSize(2);
        assertThat(Authenticator.sha256("tok-alice")).hasSize(64).doesNotContain("tok-alice");
    }

    @Test
    void aRejectedTokenIsCachedTooButAReviewThatFailedIsNot() {
        assertThat(authenticator.authenticate("Bearer unknown").failure()).isEqualTo("invalid bearer token");
        assertThat(authenticator.authenticate("Bearer unknown").authenticated()).isFalse();
        assertThat(reviews.tokenReviews).hasSize(1);
        reviews.down = true;
        Authentication down = authenticator.authenticate("Bearer tok-other");
        assertThat(down.unavailable()).isTrue();
        reviews.down = false;
        reviews.users.put("tok-other", FakeReviews.user("other"));
        assertThat(authenticator.authenticate("Bearer tok-other").authenticated()).isTrue();
    }

    @Test
    void malformedCredentialsAreRefusedWithoutAskingTheApiServer() {
        for (String header : new String[] {null, "", "   ", "Basic YTpi", "Bearer", "Bearer   ", "Bearer a b",
                "Bearer tok\u0000", "Bearer t\u00f6k", "Bearer " + "x".repeat(Authenticator.MAX_TOKEN_LENGTH + 1)}) {
            assertThat(authenticator.authenticate(header).authenticated()).as(String.valueOf(header)).isFalse();
        }
        assertThat(reviews.tokenReviews).isEmpty();
    }

    @Test
    void allowedAndDeniedAnswersAreReusedForTheirOwnTtls() {
        Access other = new Access("list", "samples", "other", null);
        User alice = FakeReviews.user("alice");
        assertThat(authorizer.authorize(alice, aliceNs).allowed()).isTrue();
        assertThat(authorizer.authorize(alice, other).allowed()).isFalse();
        clock.advance(Duration.ofSeconds(2));
        authorizer.authorize(alice, aliceNs);
        authorizer.authorize(alice, other);
        assertThat(reviews.accessReviews).hasSize(2);
        clock.advance(Duration.ofSeconds(1)); // 3 s: the denial expired, the grant has not
        authorizer.authorize(alice, aliceNs);
        authorizer.authorize(alice, other);
        assertThat(reviews.accessReviews).containsExactly(aliceNs, other, other);
    }

    @Test
    void theGateAnswers401403And503InTheServicesWords() {
        assertThat(gate.check("Bearer tok-alice", aliceNs).passes()).isTrue();

        Gate.Outcome noToken = gate.check(null, aliceNs);
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(noToken.field()).isEqualTo("Authorization");

        Gate.Outcome forbidden = gate.check("Bearer tok-alice", new Access("list", "decisions", "bob", null));
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.field()).isEqualTo("namespace");
        assertThat(forbidden.message()).isEqualTo("user \"alice\" cannot list resource \"decisions\" in API group "
                + "\"scalebus.dev\" in the namespace \"bob\"");
        Gate.Outcome cluster = gate.check("Bearer tok-alice", new Access("list", "samples", null, null));
        assertThat(cluster.message()).contains("at the cluster scope (give a namespace or ask for a cluster-wide grant)");

        reviews.down = true;
        Gate.Outcome unreviewable = gate.check("Bearer tok-new", aliceNs);
        assertThat(unreviewable.status()).isEqualTo(401);
        assertThat(unreviewable.message()).contains("could not be reviewed");
        Gate.Outcome unauthorizable = gate.check("Bearer tok-alice", new Access("get", "decisions", "alice", "x"));
        assertThat(unauthorizable.status()).isEqualTo(503);
        assertThat(unauthorizable.detail()).contains("connection refused");
    }
}
