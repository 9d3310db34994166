package dev.scalebus.history.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer token authentication through a TokenReview, as k8s.io/apiserver's cached webhook token authenticator:
 * answers (a user or a rejection) are reused for {@code ttl}, keyed by the token's SHA-256 so that no token is kept
 * in memory. A review that cannot be made is not cached. Plain Java: time comes from the Clock.
 */
public final class Authenticator {

    /** Longer than any service-account or OIDC token; longer ones are refused without asking the API server. */
    static final int MAX_TOKEN_LENGTH = 16 * 1024;
    private static final int MAX_CACHED = 10_000;

    private final Reviews reviews;
    private final Clock clock;
    private final long ttlMillis;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Optional<User> user, long expiresMillis) {
    }

    public Authenticator(Reviews reviews, Clock clock, Duration ttl) {
        this.reviews = reviews;
        this.clock = clock;
        this.ttlMillis = ttl.toMillis();
    }

    /** @param authorization the Authorization header, or null */
    public Authentication authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return Authentication.failed("no bearer token");
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Authentication.failed("the Authorization header is not a bearer token");
        }
        String token = authorization.substring(7).strip();
        if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH || !printableAscii(token)) {
            return Authentication.failed("malformed bearer token");
        }
        String key = sha256(token);
        long now = clock.millis();
        Cached cached = cache.get(key);
        if (cached == null || cached.expiresMillis() <= now) {
            Optional<User> user;
            try {
                user = reviews.reviewToken(token);
            } catch (ReviewUnavailableException e) {
                return Authentication.unavailable("token review failed: " + e.getMessage());
            }
            if (cache.size() >= MAX_CACHED) {
                cache.clear(); // bounded: a flood of distinct tokens must not grow the heap
            }
            cached = new Cached(user, now + ttlMillis);
            cache.put(key, cached);
        }
        return cached.user().map(Authentication::of).orElseGet(() -> Authentication.failed("invalid bearer token"));
    }

    private static boolean printableAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c > '~') {
                return false;
            }
        }
        return true;
    }

    static String sha256(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
