package dev.scalebus.autoscaler.api;

import dev.scalebus.autoscaler.backtest.Csv;
import dev.scalebus.autoscaler.controller.AutoscalerConfig;
import dev.scalebus.autoscaler.history.HistoryClient;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * {@code POST /api/v1/backtest}: what a candidate autoscaler would have done on a workload's recorded history, on
 * the live controller's evaluation code path, beside what was actually done. JSON, or CSV rows for
 * {@code Accept: text/csv}.
 */
@Path("/api/v1/backtest")
public class BacktestResource {

    static final String CSV = "text/csv";
    private static final Logger LOG = Logger.getLogger(BacktestResource.class);

    private final Backtests backtests;
    private final long maxBodyBytes;

    public BacktestResource(HistoryClient history, Clock clock, AutoscalerConfig config) {
        this.backtests = new Backtests(history, clock, config.backtest(), config.simulate().maxMetrics());
        this.maxBodyBytes = config.simulate().maxBodyBytes();
    }

    @POST
    @Consumes({MediaType.APPLICATION_JSON, "application/yaml", "application/x-yaml", "text/yaml"})
    @Produces({MediaType.APPLICATION_JSON, CSV})
    public Response backtest(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(HttpHeaders.ACCEPT) String accept, byte[] body) {
        if (body != null && body.length > maxBodyBytes) { // sent without a Content-Length
            throw new BadInputException(413, "body", BodyLimitFilter.tooLarge(body.length, maxBodyBytes));
        }
        BacktestRequest request = Mappers.read(body == null ? null : new String(body, StandardCharsets.UTF_8),
                contentType, BacktestRequest.class);
        BacktestResponse response = backtests.run(request);
        String id = BadInputMapper.correlationId();
        LOG.infof("backtest %s: %s %s/%s from %s to %s: %d evaluations, candidate rescales=%d replicaHours=%s, "
                + "actual rescales=%d replicaHours=%s", id, request.target().kind(), request.target().namespace(),
                request.target().name(), request.from(), request.to(), response.candidate().timeline().size(),
                response.candidate().summary().rescales(), response.candidate().summary().replicaHours(),
                response.actual().summary().rescales(), response.actual().summary().replicaHours());
        if (wantsCsv(accept)) {
            return Response.ok(Csv.of(response.candidate(), response.actual()), CSV + "; charset=utf-8")
                    .header("X-Correlation-Id", id).build();
        }
        return Response.ok(response, MediaType.APPLICATION_JSON).header("X-Correlation-Id", id).build();
    }

    // CSV only when asked for before (or without) JSON
    static boolean wantsCsv(String accept) {
        if (accept == null) {
            return false;
        }
        int csv = accept.indexOf(CSV);
        int json = accept.indexOf(MediaType.APPLICATION_JSON);
        return csv >= 0 && (json < 0 || csv < json);
    }
}
