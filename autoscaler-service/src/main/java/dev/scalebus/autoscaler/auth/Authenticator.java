package dev.scalebus.autoscaler.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Bearer tokens through a TokenReview, as k8s.io/apiserver's delegating token authenticator: the answer (user or
 * not authenticated) is cached for the token cache TTL, keyed by the token's SHA-256 so no token is kept in memory.
 * A review that cannot be made is not cached and surfaces as an exception (the caller answers 401, as the apiserver).
 */
public final class Authenticator {

    private final ReviewClient reviews;
    private final TtlCache<String, Optional<UserInfo>> cache;
    private final long ttlMillis;

    public Authenticator(ReviewClient reviews, Clock clock, Duration ttl) {
        this.reviews = reviews;
        this.cache = new TtlCache<>(clock);
        this.ttlMillis = ttl.toMillis();
    }

    /** The token's user; empty when the API server says it is not a valid token. */
    public Optional<UserInfo> authenticate(String token) {
        String key = sha256(token);
        return cache.get(key, k -> reviews.reviewToken(token), user -> ttlMillis);
    }

    /** The bearer token of an Authorization header, or null when there is none (or another scheme). */
    public static String bearerToken(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
        }
    }

    int cachedTokens() {
        return cache.size();
    }
}
