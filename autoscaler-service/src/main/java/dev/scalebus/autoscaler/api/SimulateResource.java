package dev.scalebus.autoscaler.api;

import dev.scalebus.autoscaler.controller.AutoscalerConfig;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.jboss.logging.Logger;

/** {@code POST /api/v1/simulate}: the what-if API, on the live controller's evaluation code path. */
@Path("/api/v1/simulate")
public class SimulateResource {

    private static final Logger LOG = Logger.getLogger(SimulateResource.class);

    private final Clock clock;
    private final SimulateLimits limits;

    public SimulateResource(Clock clock, AutoscalerConfig config) {
        this.clock = clock;
        this.limits = SimulateLimits.of(config.simulate());
    }

    @POST
    @Consumes({MediaType.APPLICATION_JSON, "application/yaml", "application/x-yaml", "text/yaml"})
    @Produces(MediaType.APPLICATION_JSON)
    public SimulateResponse simulate(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        if (body != null && body.length > limits.maxBodyBytes()) { // sent without a Content-Length
            throw new BadInputException(413, "body", BodyLimitFilter.tooLarge(body.length, limits.maxBodyBytes()));
        }
        SimulateRequest request = Mappers.read(body == null ? null : new String(body, StandardCharsets.UTF_8),
                contentType, SimulateRequest.class, limits.maxSteps());
        limits.check(request);
        SimulateResponse response = Simulator.run(request, clock.instant(), clock, limits.maxWallTime());
        LOG.debugf("simulated %d steps", response.steps().size());
        return response;
    }
}
