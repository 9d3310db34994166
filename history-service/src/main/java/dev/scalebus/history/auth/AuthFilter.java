package dev.scalebus.history.auth;

import dev.scalebus.history.HistoryConfig;
import dev.scalebus.history.api.InvalidRequestMapper.Problem;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * In front of every REST method: the bearer token through a TokenReview, then the method's {@link Reads}
 * permission through a SubjectAccessReview ({@link Gate}); a refusal answers the service's problem shape
 * (401 / 403 / 503) with a correlation id, logged on one INFO line. Runs on the worker thread of the (blocking)
 * method, so the reviews may block. {@code scalebus.history.authentication.enabled=false} lets everything through.
 */
@ApplicationScoped
public class AuthFilter {

    private static final Logger LOG = Logger.getLogger(AuthFilter.class);

    private final boolean enabled;
    private final Gate gate;

    public AuthFilter(HistoryConfig config, Reviews reviews, Clock clock) {
        this.enabled = config.authentication().enabled();
        this.gate = new Gate(new Authenticator(reviews, clock, config.authentication().tokenCacheTtl()),
                new Authorizer(reviews, clock, config.authorization().allowedCacheTtl(),
                        config.authorization().deniedCacheTtl()));
    }

    void onStart(@Observes StartupEvent start) {
        if (!enabled) {
            LOG.warn("authentication and authorization are OFF (scalebus.history.authentication.enabled=false): "
                    + "anyone reaching the HTTP port reads every namespace's history (local run only)");
        }
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Response filter(ContainerRequestContext context, ResourceInfo resource) {
        if (!enabled) {
            return null;
        }
        String authorization = context.getHeaderString(HttpHeaders.AUTHORIZATION);
        Reads reads = resource.getResourceMethod() == null ? null : resource.getResourceMethod().getAnnotation(Reads.class);
        Gate.Outcome outcome;
        if (reads == null) {
            outcome = new Gate.Outcome(403, null, "this endpoint has no access rule", "no @Reads on "
                    + resource.getResourceMethod());
        } else {
            outcome = gate.check(authorization, access(reads, context.getUriInfo()));
        }
        if (outcome.passes()) {
            return null;
        }
        String id = UUID.randomUUID().toString().substring(0, 8);
        LOG.infof("%d for %s %s [correlation %s]: %s", outcome.status(), context.getMethod(),
                context.getUriInfo().getPath(), id, outcome.detail());
        String message = (outcome.field() == null ? "" : outcome.field() + ": ") + outcome.message()
                + " (correlation id " + id + ")";
        Response.ResponseBuilder answer = Response.status(outcome.status()).type(MediaType.APPLICATION_JSON)
                .entity(new Problem(outcome.status(), outcome.field(), message));
        if (outcome.status() == 401) {
            answer.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return answer.build();
    }

    /** The SubjectAccessReview attributes of the request: the namespace as the REST method itself reads it. */
    static Access access(Reads reads, UriInfo uri) {
        String namespace = uri.getPathParameters().getFirst("namespace");
        if (namespace == null) {
            namespace = uri.getQueryParameters().getFirst("namespace");
        }
        if (namespace != null && namespace.isEmpty()) {
            namespace = null; // as the methods: an empty namespace is all namespaces
        }
        String name = "get".equals(reads.verb()) ? uri.getPathParameters().getFirst("id") : null;
        return new Access(reads.verb(), reads.resource(), namespace, name);
    }
}
