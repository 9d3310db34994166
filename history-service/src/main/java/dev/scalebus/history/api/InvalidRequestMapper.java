package dev.scalebus.history.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The service's one exception mapper: bad input is a 400 whose body names the field and what is wrong. */
@Provider
public class InvalidRequestMapper implements ExceptionMapper<InvalidRequestException> {

    /** The 400 body. */
    public record Problem(int status, String field, String message) {
    }

    @Override
    public Response toResponse(InvalidRequestException e) {
        return Response.status(Response.Status.BAD_REQUEST)
                .type(MediaType.APPLICATION_JSON)
                .entity(new Problem(400, e.field(), e.field() + ": " + e.getMessage()))
                .build();
    }
}
