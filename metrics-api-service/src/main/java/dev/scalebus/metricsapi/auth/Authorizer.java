package dev.scalebus.metricsapi.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Delegated authorization with a decision cache, as k8s.io/apiserver's webhook authorizer: every request becomes a
 * SubjectAccessReview; allowed and denied answers are reused for their own TTLs (metrics-server: 10 s each).
 */
public final class Authorizer {

    private final ReviewClient reviews;
    private final Clock clock;
    private final long allowedTtlMillis;
    private final long deniedTtlMillis;
    private final Map<Key, Cached> cache = new ConcurrentHashMap<>();

    private record Key(UserInfo user, RequestAttributes attributes) {
    }

    private record Cached(Decision decision, long expiresMillis) {
    }

    public Authorizer(ReviewClient reviews, Clock clock, Duration allowedTtl, Duration deniedTtl) {
        this.reviews = reviews;
        this.clock = clock;
        this.allowedTtlMillis = allowedTtl.toMillis();
        this.deniedTtlMillis = deniedTtl.toMillis();
    }

    public Decision authorize(UserInfo user, RequestAttributes attributes) {
        // the path is not part of a resource request's SAR: all list calls of one namespace share a decision
        RequestAttributes keyed = attributes.resourceRequest()
                ? new RequestAttributes(true, attributes.verb(), attributes.apiGroup(), attributes.apiVersion(),
                        attributes.resource(), attributes.subresource(), attributes.namespace(), attributes.name(), "")
                : attributes;
        Key key = new Key(user, keyed);
        long now = clock.millis();
        Cached cached = cache.get(key);
        if (cached != null && cached.expiresMillis() > now) {
            return cached.decision();
        }
        Decision decision = reviews.review(user, keyed);
        if (cache.size() > 10_000) {
            cache.clear();
        }
        cache.put(key, new Cached(decision, now + (decision.allowed() ? allowedTtlMillis : deniedTtlMillis)));
        return decision;
    }
}
