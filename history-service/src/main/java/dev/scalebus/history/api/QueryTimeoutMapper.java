package dev.scalebus.history.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A query cancelled by the query timeout answers 503 (the service is busy for that question; a narrower one may
 * pass), in the same body shape as the 400s, with no field.
 */
@Provider
public class QueryTimeoutMapper implements ExceptionMapper<QueryTimeoutException> {

    @Override
    public Response toResponse(QueryTimeoutException e) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .type(MediaType.APPLICATION_JSON)
                .entity(new InvalidRequestMapper.Problem(503, null, e.getMessage()))
                .build();
    }
}
