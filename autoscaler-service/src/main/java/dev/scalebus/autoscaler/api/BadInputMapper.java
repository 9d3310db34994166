package dev.scalebus.autoscaler.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The service's one exception mapper and error shape: {@code {"status", "error", "field", "message"}}. Bad input is
 * 400 with the field and the reason; the size limit 413, the wall-time limit 503; the security filter's 401, 403 and
 * 503 use the same shape through {@link #response}. Every answer carries a {@code correlationId}, which the one
 * INFO line logged about it repeats.
 */
@Provider
public class BadInputMapper implements ExceptionMapper<BadInputException> {

    private static final Logger LOG = Logger.getLogger(BadInputMapper.class);

    @Override
    public Response toResponse(BadInputException e) {
        String id = correlationId();
        LOG.infof("%d [correlation %s] %s: %s", e.status(), id, e.field(), e.getMessage());
        return response(e.status(), e.field(), e.getMessage(), id).build();
    }

    /** A new correlation id: the answer carries it, and so does the one INFO line logged about it. */
    public static String correlationId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** The error shape for {@code status}, naming {@code field}. */
    public static Response.ResponseBuilder response(int status, String field, String message, String correlationId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        Response.StatusType type = Response.Status.fromStatusCode(status);
        body.put("error", type != null ? type.getReasonPhrase() : "Error");
        body.put("field", field);
        body.put("message", message);
        body.put("correlationId", correlationId);
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body);
    }
}
