package dev.scalebus.metricsapi.api;

import dev.scalebus.metricsapi.selector.SelectorException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;

/** The service's one exception mapper: every failure leaves as a Kubernetes Status JSON body. */
@Provider
public class StatusExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(StatusExceptionMapper.class);

    @Override
    public Response toResponse(Throwable failure) {
        StatusException status;
        if (failure instanceof StatusException s) {
            status = s;
        } else if (failure instanceof SelectorException s) {
            status = KubeStatus.badRequest(s.getMessage());
        } else if (failure instanceof NotFoundException) {
            status = KubeStatus.pathNotFound();
        } else if (failure instanceof WebApplicationException w && w.getResponse().getStatus() < 500) {
            int code = w.getResponse().getStatus();
            status = new StatusException(code, w.getResponse().getStatusInfo().getReasonPhrase().replace(" ", ""),
                    w.getMessage(), null);
        } else {
            String id = java.util.UUID.randomUUID().toString();
            LOG.errorf(failure, "request failed [correlation %s]", id);
            status = KubeStatus.internal(failure.getClass().getSimpleName() + " (correlation " + id + ")");
        }
        return response(status);
    }

    public static Response response(StatusException status) {
        return Response.status(status.code()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(KubeStatus.body(status)).build();
    }
}
