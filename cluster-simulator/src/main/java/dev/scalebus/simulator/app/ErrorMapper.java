package dev.scalebus.simulator.app;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/** The control API's one exception mapper: 400 for bad bodies, 404 for unknown names, 503 when not running. */
@Provider
public class ErrorMapper implements ExceptionMapper<RuntimeException> {

    @Override
    public Response toResponse(RuntimeException e) {
        int status;
        if (e instanceof BadRequestException) {
            status = 400;
        } else if (e instanceof IllegalArgumentException) {
            status = 404;
        } else if (e instanceof IllegalStateException) {
            status = 503;
        } else if (e instanceof jakarta.ws.rs.WebApplicationException w) {
            return w.getResponse();
        } else {
            status = 500;
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("status", status, "message", String.valueOf(e.getMessage()))).build();
    }
}
