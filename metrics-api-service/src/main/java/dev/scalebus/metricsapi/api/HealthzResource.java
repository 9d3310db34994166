package dev.scalebus.metricsapi.api;

import dev.scalebus.metricsapi.ingest.FeedService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The apiserver-style probes the aggregator and the manifests use: {@code ok} in plain text, or 500 naming the
 * failed check: {@code [-]window-caught-up failed} until the Kafka rebuild reached the end offsets seen at start and
 * while the broker does not answer, {@code [-]feed-loop failed} when a feed loop died or stopped ticking.
 */
@Path("/")
public class HealthzResource {

    private final FeedService feed;

    public HealthzResource(FeedService feed) {
        this.feed = feed;
    }

    @GET
    @Path("livez")
    public Response livez() {
        return live();
    }

    @GET
    @Path("healthz")
    public Response healthz() {
        return live();
    }

    private Response live() {
        if (!feed.live()) {
            return Response.status(500).type(MediaType.TEXT_PLAIN_TYPE)
                    .entity("[-]feed-loop failed: reason withheld\nlivez check failed\n").build();
        }
        return ok();
    }

    @GET
    @Path("readyz")
    public Response readyz() {
        if (!feed.ready()) {
            return Response.status(500).type(MediaType.TEXT_PLAIN_TYPE)
                    .entity("[-]window-caught-up failed: reason withheld\nreadyz check failed\n").build();
        }
        return ok();
    }

    private static Response ok() {
        return Response.ok("ok", MediaType.TEXT_PLAIN_TYPE).build();
    }
}
