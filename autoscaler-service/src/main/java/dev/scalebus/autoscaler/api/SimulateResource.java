package dev.scalebus.autoscaler.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import org.jboss.logging.Logger;

/** {@code POST /api/v1/simulate}: the what-if API, on the live controller's evaluation code path. */
@Path("/api/v1/simulate")
public class SimulateResource {

    private static final Logger LOG = Logger.getLogger(SimulateResource.class);

    private final Clock clock;

    public SimulateResource(Clock clock) {
        this.clock = clock;
    }

    @POST
    @Consumes({MediaType.APPLICATION_JSON, "application/yaml", "application/x-yaml", "text/yaml"})
    @Produces(MediaType.APPLICATION_JSON)
    public SimulateResponse simulate(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body) {
        SimulateRequest request = Mappers.read(body, contentType, SimulateRequest.class);
        SimulateResponse response = Simulator.run(request, clock.instant());
        LOG.debugf("simulated %d steps", response.steps().size());
        return response;
    }
}
