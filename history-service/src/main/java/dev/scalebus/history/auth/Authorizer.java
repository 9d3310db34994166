package dev.scalebus.history.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Delegated authorization with a decision cache, as k8s.io/apiserver's webhook authorizer: every request becomes a
 * SubjectAccessReview; allowed and denied answers are reused for their own TTLs, a review that cannot be made
 * ({@link ReviewUnavailableException}) is not. Plain Java: time comes from the Clock.
 */
public final class Authorizer {

    private static final int MAX_CACHED = 10_000;

    private final Reviews reviews;
    private final Clock clock;
    private final long allowedTtlMillis;
    private final long deniedTtlMillis;
    private final Map<Key, Cached> cache = new ConcurrentHashMap<>();

    private record Key(User user, Access access) {
    }

    private record Cached(Verdict verdict, long expiresMillis) {
    }

    public Authorizer(Reviews reviews, Clock clock, Duration allowedTtl, Duration deniedTtl) {
        this.reviews = reviews;
        this.clock = clock;
        this.allowedTtlMillis = allowedTtl.toMillis();
        this.deniedTtlMillis = deniedTtl.toMillis();
    }

    /** @throws ReviewUnavailableException when the review cannot be made */
    public Verdict authorize(User user, Access access) {
        Key key = new Key(user, access);
        long now = clock.millis();
        Cached cached = cache.get(key);
        if (cached != null && cached.expiresMillis() > now) {
            return cached.verdict();
        }
        Verdict verdict = reviews.review(user, access);
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(key, new Cached(verdict, now + (verdict.allowed() ? allowedTtlMillis : deniedTtlMillis)));
        return verdict;
    }
}
