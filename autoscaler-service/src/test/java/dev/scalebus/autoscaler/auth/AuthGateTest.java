package dev.scalebus.autoscaler.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthGateTest {

    static final UserInfo ALICE = new UserInfo("alice", "uid-a", List.of("team"), null);

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-12-06T04:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Reviews: "good" is alice; alice may create simulations when {@code allow}; failures on demand. */
    static final class Reviews implements ReviewClient {
        final List<String> tokenReviews = new ArrayList<>();
        final List<Access> accessReviews = new ArrayList<>();
        boolean allow = true;
        boolean tokenReviewFails;
        boolean accessReviewFails;

        @Override
        public Optional<UserInfo> reviewToken(String token) {
            tokenReviews.add(token);
            if (tokenReviewFails) {
                throw new IllegalStateException("connection refused");
            }
            return token.equals("good") ? Optional.of(ALICE) : Optional.empty();
        }

        @Override
        public Decision review(UserInfo user, Access access) {
            accessReviews.add(access);
            if (accessReviewFails) {
                throw new IllegalStateException("connection refused");
            }
            return new Decision(allow, allow ? "" : "no RBAC rule");
        }
    }

    final TestClock clock = new TestClock();
    final Reviews reviews = new Reviews();
    final AuthGate gate = new AuthGate(true, reviews, clock, Duration.ofSeconds(10), Duration.ofSeconds(10),
            Duration.ofSeconds(5));

    @Test
    void noTokenIsUnauthenticatedWithoutAnyReview() {
        assertThat(gate.check(null, Access.SIMULATE)).isInstanceOf(Verdict.Unauthenticated.class);
        assertThat(gate.check("Bearer ", Access.SIMULATE)).isInstanceOf(Verdict.Unauthenticated.class);
        assertThat(gate.check("Basic YWxpY2U6eA==", Access.SIMULATE)).isInstanceOf(Verdict.Unauthenticated.class);
        assertThat(reviews.tokenReviews).isEmpty();
    }

    @Test
    void anAllowedTokenIsAllowedAsItsUser() {
        assertThat(gate.check("Bearer good", Access.SIMULATE)).isEqualTo(new Verdict.Allowed(ALICE));
        assertThat(reviews.accessReviews).containsExactly(new Access("create", "scalebus.dev", "simulations", "", ""));
    }

    @Test
    void anInvalidTokenIsUnauthenticated() {
        assertThat(gate.check("Bearer bad", Access.SIMULATE)).isEqualTo(new Verdict.Unauthenticated(
                "invalid bearer token"));
        assertThat(reviews.accessReviews).isEmpty();
    }

    @Test
    void aDeniedReviewIsForbiddenWithItsReason() {
        reviews.allow = false;
        assertThat(gate.check("Bearer good", Access.SIMULATE))
                .isEqualTo(new Verdict.Forbidden(ALICE, Access.SIMULATE, "no RBAC rule"));
    }

    @Test
    void aTokenReviewIsReusedForTheTokenTtlThenMadeAgain() {
        gate.check("Bearer good", Access.SIMULATE);
        clock.now = clock.now.plusSeconds(9);
        gate.check("Bearer good", Access.SIMULATE);
        assertThat(reviews.tokenReviews).hasSize(1);
        clock.now = clock.now.plusSeconds(2);
        gate.check("Bearer good", Access.SIMULATE);
        assertThat(reviews.tokenReviews).hasSize(2);
    }

    @Test
    void aRejectedTokenIsAlsoCached() {
        gate.check("Bearer bad", Access.SIMULATE);
        gate.check("Bearer bad", Access.SIMULATE);
        assertThat(reviews.tokenReviews).hasSize(1);
    }

    @Test
    void theTokenCacheIsKeyedByTheTokensHashNotTheToken() {
        Authenticator authenticator = new Authenticator(reviews, clock, Duration.ofSeconds(10));
        authenticator.authenticate("good");
        assertThat(authenticator.cachedTokens()).isEqualTo(1);
        assertThat(Authenticator.sha256("good")).hasSize(64).doesNotContain("good")
                .isEqualTo("770e607624d689265ca6c44884d0807d9b054d23c473c106c72be9de08b7376c");
    }

    @Test
    void allowedAndDeniedDecisionsHaveTheirOwnTtls() {
        gate.check("Bearer good", Access.SIMULATE);
        clock.now = clock.now.plusSeconds(9);
        gate.check("Bearer good", Access.SIMULATE);
        assertThat(reviews.accessReviews).hasSize(1); // allowed: 10 s

        AuthGate denying = new AuthGate(true, reviews, clock, Duration.ofMinutes(1), Duration.ofSeconds(10),
                Duration.ofSeconds(5));
        reviews.allow = false;
        reviews.accessReviews.clear();
        denying.check("Bearer good", Access.SIMULATE);
        clock.now = clock.now.plusSeconds(4);
        denying.check("Bearer good", Access.SIMULATE);
        assertThat(reviews.accessReviews).hasSize(1);
        clock.now = clock.now.plusSeconds(2);
        denying.check("Bearer good", Access.SIMULATE);
        assertThat(reviews.accessReviews).hasSize(2); // denied: 5 s
    }

    @Test
    void aTokenReviewThatCannotBeMadeIsUnauthenticatedAndNotCached() {
        reviews.tokenReviewFails = true;
        assertThat(gate.check("Bearer good", Access.SIMULATE)).isInstanceOf(Verdict.Unauthenticated.class);
        reviews.tokenReviewFails = false;
        assertThat(gate.check("Bearer good", Access.SIMULATE)).isInstanceOf(Verdict.Allowed.class);
    }

    @Test
    void anAccessReviewThatCannotBeMadeIsUnavailableAndNotCached() {
        reviews.accessReviewFails = true;
        assertThat(gate.check("Bearer good", Access.SIMULATE)).isInstanceOf(Verdict.Unavailable.class);
        reviews.accessReviewFails = false;
        assertThat(gate.check("Bearer good", Access.SIMULATE)).isInstanceOf(Verdict.Allowed.class);
    }

    @Test
    void disabledAllowsEverythingWithoutAnyReview() {
        AuthGate off = new AuthGate(false, reviews, clock, Duration.ofSeconds(10), Duration.ofSeconds(10),
                Duration.ofSeconds(10));
        assertThat(off.check(null, Access.SIMULATE)).isEqualTo(new Verdict.Allowed(UserInfo.ANONYMOUS));
        assertThat(reviews.tokenReviews).isEmpty();
        assertThat(reviews.accessReviews).isEmpty();
    }

    @Test
    void onlyPostSimulateIsCreateSimulationsAndAnyOtherPathIsANonResourceRequest() {
        assertThat(Access.of("POST", "/api/v1/simulate/")).isEqualTo(Access.SIMULATE);
        Access other = Access.of("GET", "/api/v1/simulate");
        assertThat(other.resourceRequest()).isFalse();
        assertThat(other.verb()).isEqualTo("get");
        assertThat(other.path()).isEqualTo("/api/v1/simulate");
    }
}
