package dev.scalebus.autoscaler.api;

import dev.scalebus.autoscaler.controller.AutoscalerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * 413 for a request whose Content-Length is over {@code simulate.max-body-bytes}, before the body is read or
 * parsed (pre-matching, on the event loop: no blocking). A body without a Content-Length is measured after reading
 * ({@link SimulateResource}); quarkus.http.limits.max-body-size bounds what is read at all.
 */
@ApplicationScoped
public class BodyLimitFilter {

    private static final Logger LOG = Logger.getLogger(BodyLimitFilter.class);

    private final long maxBytes;

    public BodyLimitFilter(AutoscalerConfig config) {
        this.maxBytes = config.simulate().maxBodyBytes();
    }

    @ServerRequestFilter(preMatching = true)
    public Response filter(ContainerRequestContext context) {
        String length = context.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return null;
        }
        long bytes;
        try {
            bytes = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return null; // the HTTP server refuses a malformed Content-Length itself
        }
        if (bytes <= maxBytes) {
            return null;
        }
        String id = BadInputMapper.correlationId();
        LOG.infof("413 %s %s [correlation %s]: body of %d bytes over the limit of %d", context.getMethod(),
                context.getUriInfo().getPath(), id, bytes, maxBytes);
        return BadInputMapper.response(413, "body", tooLarge(bytes, maxBytes), id).build();
    }

    static String tooLarge(long bytes, long maxBytes) {
        return "the request body is " + bytes + " bytes, over the limit of " + maxBytes
                + " bytes (scalebus.autoscaler.simulate.max-body-bytes)";
    }
}
