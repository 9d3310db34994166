package dev.scalebus.autoscaler.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.Map;

/** The service's one exception mapper: bad input becomes 400 with the field and the reason. */
@Provider
public class BadInputMapper implements ExceptionMapper<BadInputException> {

    @Override
    public Response toResponse(BadInputException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", 400);
        body.put("error", "Bad Request");
        body.put("field", e.field());
        body.put("message", e.getMessage());
        return Response.status(400).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
