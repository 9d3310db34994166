package dev.scalebus.autoscaler.auth;

import java.time.Clock;
import java.time.Duration;

/**
 * SubjectAccessReviews with a decision cache, as k8s.io/apiserver's delegating (webhook) authorizer: allowed and
 * denied answers are reused for their own TTLs; a review that cannot be made is not cached and throws.
 */
public final class Authorizer {

    private record Key(UserInfo user, Access access) {
    }

    private final ReviewClient reviews;
    private final TtlCache<Key, Decision> cache;
    private final long allowedTtlMillis;
    private final long deniedTtlMillis;

    public Authorizer(ReviewClient reviews, Clock clock, Duration allowedTtl, Duration deniedTtl) {
        this.reviews = reviews;
        this.cache = new TtlCache<>(clock);
        this.allowedTtlMillis = allowedTtl.toMillis();
        this.deniedTtlMillis = deniedTtl.toMillis();
    }

    public Decision authorize(UserInfo user, Access access) {
        return cache.get(new Key(user, access), k -> reviews.review(k.user(), k.access()),
                d -> d.allowed() ? allowedTtlMillis : deniedTtlMillis);
    }
}
