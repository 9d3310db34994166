package dev.scalebus.metricsapi.auth;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javax.security.auth.x500.X500Principal;

/**
 * Authenticates a request as k8s.io/apiserver's delegating authenticator does for an aggregated API server, in
 * order: the front-proxy (request header) authenticator, bearer tokens through a cached TokenReview, then anonymous.
 * Like the upstream union built with {@code NewFailOnError}, a credential that is presented but wrong (a client
 * certificate not issued by the request-header CA or with a common name not allowed, a token the apiserver rejects)
 * is a 401, never a fall-back to anonymous; no credential at all is {@code system:anonymous}.
 */
public final class Authenticator {

    private final ReviewClient reviews;
    private final Clock clock;
    private final long tokenTtlMillis;
    /** The requestheader client CA bundle (several during a CA rotation); empty = headers never trusted. */
    private final Supplier<List<X509Certificate>> requestHeaderCas;
    private final Set<String> allowedNames;
    private final List<String> usernameHeaders;
    private final List<String> groupHeaders;
    private final List<String> extraPrefixes;
    private final Map<String, CachedToken> tokens = new java.util.concurrent.ConcurrentHashMap<>();

    private record CachedToken(Optional<UserInfo> user, long expiresMillis) {
    }

    public Authenticator(ReviewClient reviews, Clock clock, Duration tokenTtl, List<X509Certificate> requestHeaderCas,
            Set<String> allowedNames, List<String> usernameHeaders, List<String> groupHeaders,
            List<String> extraPrefixes) {
        this(reviews, clock, tokenTtl, fixed(requestHeaderCas), allowedNames, usernameHeaders, groupHeaders,
                extraPrefixes);
    }

    /** @param requestHeaderCas the current CA bundle, asked per request (it follows the cluster's ConfigMap) */
    public Authenticator(ReviewClient reviews, Clock clock, Duration tokenTtl,
            Supplier<List<X509Certificate>> requestHeaderCas, Set<String> allowedNames, List<String> usernameHeaders,
            List<String> groupHeaders, List<String> extraPrefixes) {
        this.reviews = reviews;
        this.clock = clock;
        this.tokenTtlMillis = tokenTtl.toMillis();
        this.requestHeaderCas = requestHeaderCas;
        this.allowedNames = Set.copyOf(allowedNames);
        this.usernameHeaders = lower(usernameHeaders);
        this.groupHeaders = lower(groupHeaders);
        this.extraPrefixes = lower(extraPrefixes);
    }

    private static Supplier<List<X509Certificate>> fixed(List<X509Certificate> cas) {
        List<X509Certificate> copy = List.copyOf(cas);
        return () -> copy;
    }

    /**
     * @param headers   request headers, names lower-cased
     * @param peerChain the client certificate chain presented in the TLS handshake, or null
     */
    public AuthenticationResult authenticate(Map<String, List<String>> headers, X509Certificate[] peerChain) {
        List<X509Certificate> cas = requestHeaderCas.get();
        if (!cas.isEmpty() && peerChain != null && peerChain.length > 0) {
            String problem = verify(peerChain[0], cas);
            if (problem != null) {
                return AuthenticationResult.failed(problem);
            }
            Optional<UserInfo> proxied = fromHeaders(headers);
            if (proxied.isPresent()) {
                return AuthenticationResult.of(proxied.get());
            }
        }
        String authorization = first(headers, List.of("authorization"));
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).trim();
            if (token.isEmpty()) {
                return AuthenticationResult.failed("empty bearer token");
            }
            return token(token).map(AuthenticationResult::of)
                    .orElseGet(() -> AuthenticationResult.failed("invalid bearer token"));
        }
        return new AuthenticationResult(UserInfo.ANONYMOUS_USER, null);
    }

    private static boolean signedBy(X509Certificate cert, X509Certificate ca) {
        try {
            cert.verify(ca.getPublicKey());
            return true;
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }

    private String verify(X509Certificate cert, List<X509Certificate> cas) {
        try {
            cert.checkValidity(java.util.Date.from(clock.instant()));
        } catch (java.security.GeneralSecurityException e) {
            return "x509: certificate has expired or is not yet valid";
        }
        if (cas.stream().noneMatch(ca -> signedBy(cert, ca))) {
            return "x509: certificate signed by unknown authority";
        }
        if (!allowedNames.isEmpty() && !allowedNames.contains(commonName(cert.getSubjectX500Principal()))) {
            return "x509: subject with cn=" + commonName(cert.getSubjectX500Principal())
                    + " is not in the allowed list";
        }
        return null;
    }

    static String commonName(X500Principal principal) {
        for (String part : principal.getName(X500Principal.RFC2253).split("(?<!\\\\),")) {
            if (part.regionMatches(true, 0, "CN=", 0, 3)) {
                return part.substring(3);
            }
        }
        return "";
    }

    /** As requestheader.go: user from the first non-empty username header, all group headers, extras by prefix. */
    private Optional<UserInfo> fromHeaders(Map<String, List<String>> headers) {
        String user = first(headers, usernameHeaders);
        if (user == null || user.isEmpty()) {
            return Optional.empty();
        }
        List<String> groups = new ArrayList<>();
        for (String h : groupHeaders) {
            groups.addAll(headers.getOrDefault(h, List.of()));
        }
        Map<String, List<String>> extra = new HashMap<>();
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            for (String prefix : extraPrefixes) {
                if (e.getKey().startsWith(prefix)) {
                    String key = URLDecoder.decode(e.getKey().substring(prefix.length()), StandardCharsets.UTF_8);
                    extra.computeIfAbsent(key, k -> new ArrayList<>()).addAll(e.getValue());
                }
            }
        }
        return Optional.of(new UserInfo(user, "", groups, extra));
    }

    private Optional<UserInfo> token(String token) {
        long now = clock.millis();
        CachedToken cached = tokens.get(token);
        if (cached != null && cached.expiresMillis() > now) {
            return cached.user();
        }
        Optional<UserInfo> user = reviews.reviewToken(token);
        if (tokens.size() > 10_000) {
            tokens.clear(); // bounded: a flood of distinct tokens must not grow the heap
        }
        tokens.put(token, new CachedToken(user, now + tokenTtlMillis));
        return user;
    }

    private static String first(Map<String, List<String>> headers, List<String> names) {
        for (String name : names) {
            for (String v : headers.getOrDefault(name, List.of())) {
                if (v != null && !v.isEmpty()) {
                    return v;
                }
            }
        }
        return null;
    }

    private static List<String> lower(List<String> names) {
        return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
    }
}
