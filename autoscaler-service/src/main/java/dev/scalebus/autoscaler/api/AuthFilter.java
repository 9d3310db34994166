package dev.scalebus.autoscaler.api;

import dev.scalebus.autoscaler.auth.Access;
import dev.scalebus.autoscaler.auth.AuthGate;
import dev.scalebus.autoscaler.auth.ReviewClient;
import dev.scalebus.autoscaler.auth.Verdict;
import dev.scalebus.autoscaler.controller.AutoscalerConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authentication and authorization in front of every REST endpoint of the main port (health and metrics are on the
 * management port): {@link AuthGate} decides, this answers 401 / 403 / 503 in the service's error shape
 * ({@link BadInputMapper}), field {@code Authorization}, with a correlation id that the one INFO log line repeats.
 * Runs on the endpoint's worker thread (the reviews are blocking calls to the API server).
 */
@ApplicationScoped
public class AuthFilter {

    private static final Logger LOG = Logger.getLogger(AuthFilter.class);
    static final String FIELD = HttpHeaders.AUTHORIZATION;

    private final AuthGate gate;

    public AuthFilter(AutoscalerConfig config, ReviewClient reviews, Clock clock) {
        this.gate = new AuthGate(config.authentication().enabled(), reviews, clock,
                config.authentication().tokenCacheTtl(), config.authorization().allowedCacheTtl(),
                config.authorization().deniedCacheTtl());
    }

    void onStart(@Observes StartupEvent event) {
        if (!gate.enabled()) {
            LOG.warn("authentication and authorization are OFF (scalebus.autoscaler.authentication.enabled=false):"
                    + " anyone who reaches the HTTP port may call the REST API (local run only)");
        }
    }

    @ServerRequestFilter
    public Response filter(ContainerRequestContext context) {
        String method = context.getMethod();
        String path = "/" + context.getUriInfo().getPath().replaceFirst("^/+", "");
        Verdict verdict = gate.check(context.getHeaderString(HttpHeaders.AUTHORIZATION), Access.of(method, path));
        if (verdict instanceof Verdict.Allowed allowed) {
            LOG.debugf("%s %s allowed for %s", method, path, allowed.user().name());
            return null;
        }
        String id = BadInputMapper.correlationId();
        if (verdict instanceof Verdict.Unauthenticated u) {
            LOG.infof("401 %s %s [correlation %s]: %s", method, path, id, u.why());
            return BadInputMapper.response(401, FIELD, "Unauthorized: a bearer token the Kubernetes API server"
                    + " authenticates is required", id)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
        }
        if (verdict instanceof Verdict.Forbidden f) {
            LOG.infof("403 %s %s for %s [correlation %s]: %s", method, path, f.user().name(), id, f.reason());
            return BadInputMapper.response(403, FIELD, "user \"" + f.user().name() + "\" cannot "
                    + f.access().describe() + (f.reason().isEmpty() ? "" : ": " + f.reason()), id).build();
        }
        Verdict.Unavailable u = (Verdict.Unavailable) verdict;
        LOG.infof("503 %s %s for %s [correlation %s]: %s", method, path, u.user().name(), id, u.why());
        return BadInputMapper.response(503, FIELD, "the authorization check could not be made; try again", id)
                .header("Retry-After", "1").build();
    }
}
