package dev.scalebus.metricsapi.auth;

import dev.scalebus.metricsapi.kube.CaRefreshJob;
import dev.scalebus.metricsapi.MetricsApiConfig;
import dev.scalebus.metricsapi.api.KubeStatus;
import dev.scalebus.metricsapi.api.StatusExceptionMapper;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.function.Supplier;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The aggregated-API security chain in front of every REST endpoint: refuse unclean paths ({@link RequestPath}, 400),
 * authenticate ({@link Authenticator}), then authorize with a SubjectAccessReview ({@link Authorizer}) on the path
 * RESTEasy routes; 400/401/403 as Kubernetes Status. Paths in
 * {@code authorization.always-allow-paths} pass untouched; {@code authentication.enabled=false} (local run only)
 * turns the whole chain off.
 */
@ApplicationScoped
public class AuthFilter {

    private static final Logger LOG = Logger.getLogger(AuthFilter.class);

    private final boolean enabled;
    private final Set<String> alwaysAllow;
    private final Authenticator authenticator;
    private final Authorizer authorizer;

    public AuthFilter(MetricsApiConfig config, ReviewClient reviews, Clock clock, CaRefreshJob caRefresh) {
        this.enabled = config.authentication().enabled();
        this.alwaysAllow = Set.copyOf(config.authorization().alwaysAllowPaths());
        MetricsApiConfig.Requestheader rh = config.requestheader();
        // from the cluster: the bundle the refresher keeps current; from a file: read once
        Supplier<List<X509Certificate>> cas;
        if (caRefresh.refreshing()) {
            cas = caRefresh::cas;
        } else {
            List<X509Certificate> fixed = rh.clientCaFile().filter(f -> !f.isBlank())
                    .map(AuthFilter::readCertificates).orElse(List.of());
            cas = () -> fixed;
        }
        this.authenticator = new Authenticator(reviews, clock, config.authentication().tokenWebhookCacheTtl(), cas,
                Set.copyOf(rh.allowedNames().orElse(List.of())), rh.usernameHeaders(), rh.groupHeaders(),
                rh.extraHeadersPrefix());
        this.authorizer = new Authorizer(reviews, clock, config.authorization().webhookCacheAuthorizedTtl(),
                config.authorization().webhookCacheUnauthorizedTtl());
        if (!enabled) {
            LOG.warn("authentication and authorization are OFF (scalebus.metrics-api.authentication.enabled=false):"
                    + " every request is served, every consumer group's lag to every namespace (local run only)");
        }
    }

    /** Every certificate of the PEM bundle: during a front-proxy CA rotation it holds the old and the new CA. */
    private static List<X509Certificate> readCertificates(String file) {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            List<X509Certificate> cas = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toList();
            if (cas.isEmpty()) {
                throw new CertificateException("no certificate in the file");
            }
            return cas;
        } catch (IOException | CertificateException e) {
            throw new IllegalStateException("cannot read requestheader client CA " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Request hygiene on the URI as sent ({@code request.path()} and the router see it decoded or normalized):
     * pre-matching, so before anything is routed, authenticated or authorized, for every request, routed or not.
     * Cheap and non-blocking: it runs on the event loop.
     */
    @ServerRequestFilter(preMatching = true)
    public Response hygiene(HttpServerRequest request) {
        Optional<String> problem = RequestPath.problem(request.uri());
        if (problem.isEmpty()) {
            return null;
        }
        String id = correlation();
        LOG.infof("400 for %s [correlation %s]: the path has %s", request.uri(), id, problem.get());
        return StatusExceptionMapper.response(KubeStatus.badRequest("the request path must not contain "
                + problem.get() + " (correlation " + id + ")"));
    }

    /** After routing (on a worker thread: the reviews block), on the decoded path RESTEasy routed. */
    @ServerRequestFilter
    public Response filter(ContainerRequestContext context, HttpServerRequest request) {
        String path = context.getUriInfo().getPath();
        if (!enabled || alwaysAllow.contains(path)) {
            return null;
        }
        AuthenticationResult result;
        try {
            result = authenticator.authenticate(headers(request), peerChain(request));
        } catch (RuntimeException e) {
            // as the apiserver: a TokenReview that cannot be made is an authentication failure, not a 500
            result = new AuthenticationResult(null, "token review failed: " + e);
        }
        if (!result.authenticated()) {
            LOG.infof("401 for %s [correlation %s]: %s", path, correlation(), result.failure());
            return StatusExceptionMapper.response(KubeStatus.unauthorized());
        }
        RequestAttributes attributes = RequestAttributes.of(request.method().name(), path);
        Decision decision;
        try {
            decision = authorizer.authorize(result.user(), attributes);
        } catch (RuntimeException e) {
            String id = correlation();
            LOG.infof("authorization review failed for %s [correlation %s]: %s", path, id, e.toString());
            return StatusExceptionMapper.response(KubeStatus.internal("authorization check failed (correlation "
                    + id + ")"));
        }
        if (decision.allowed()) {
            return null;
        }
        String user = result.user().name();
        LOG.infof("403 for %s %s by %s [correlation %s]", attributes.verb(), path, user, correlation());
        return StatusExceptionMapper.response(attributes.resourceRequest()
                ? KubeStatus.forbidden(user, attributes, decision.reason())
                : KubeStatus.forbiddenPath(user, attributes.verb(), path));
    }

    private static String correlation() {
        return java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    private static Map<String, List<String>> headers(HttpServerRequest request) {
        Map<String, List<String>> map = new HashMap<>();
        for (Map.Entry<String, String> e : request.headers()) {
            map.computeIfAbsent(e.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(e.getValue());
        }
        return map;
    }

    private static X509Certificate[] peerChain(HttpServerRequest request) {
        SSLSession session = request.sslSession();
        if (session == null) {
            return null;
        }
        try {
            java.security.cert.Certificate[] chain = session.getPeerCertificates();
            X509Certificate[] x509 = new X509Certificate[chain.length];
            for (int i = 0; i < chain.length; i++) {
                x509[i] = (X509Certificate) chain[i];
            }
            return x509;
        } catch (SSLPeerUnverifiedException e) {
            return null; // no client certificate: request headers are not trusted
        }
    }
}
