package dev.scalebus.history.auth;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;

/** Reviews answered from maps, counting the calls; "down" makes every review fail. Plus a clock tests move. */
final class FakeReviews implements Reviews {

    final Map<String, User> users = new HashMap<>();
    BiPredicate<User, Access> allowed = (u, a) -> false;
    boolean down;
    final List<String> tokenReviews = new ArrayList<>();
    final List<Access> accessReviews = new ArrayList<>();

    @Override
    public Optional<User> reviewToken(String token) {
        tokenReviews.add(token);
        if (down) {
            throw new ReviewUnavailableException("connection refused", null);
        }
        return Optional.ofNullable(users.get(token));
    }

    @Override
    public Verdict review(User user, Access access) {
        accessReviews.add(access);
        if (down) {
            throw new ReviewUnavailableException("connection refused", null);
        }
        return new Verdict(allowed.test(user, access), "");
    }

    static User user(String name) {
        return new User(name, "uid-" + name, List.of("team"), Map.of());
    }

    /** A clock that stands still until moved. */
    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-12-06T04:00:00Z");

        void advance(java.time.Duration d) {
            now = now.plus(d);
        }

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
}
