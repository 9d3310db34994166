package dev.scalebus.simulator.podmetrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebus.simulator.workload.DeploymentWorkload;
import dev.scalebus.simulator.workload.LoadProfile;
import dev.scalebus.simulator.workload.SimContainer;
import dev.scalebus.simulator.workload.SimPod;
import dev.scalebus.simulator.workload.WorkloadSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppMetricsRendererTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void rendersTheExpositionAsAClientLibraryWouldWithoutTimestamps() {
        DeploymentWorkload w = new DeploymentWorkload("ns", "web", WorkloadSpec.DEFAULT, new LoadProfile.Constant(25),
                T0, 1);
        SimPod pod = new SimPod("ns", "web-1", "uid", "node", Map.of(),
                List.of(new SimContainer("web", 100, 0, 0, T0)), T0, w);
        w.addPod(pod, T0);
        w.markReady(pod, T0);
        StringBuilder out = new StringBuilder();
        AppMetricsRenderer.render(pod, T0.plusSeconds(40_000), out);
        String text = out.toString();
        // 25 req/s for 40,000 s = 1,000,000 requests: Go's 'g' format, as client_golang prints float64 samples
        assertThat(text).contains("# HELP http_requests_total Total number of HTTP requests served.\n"
                + "# TYPE http_requests_total counter\n"
                + "http_requests_total{method=\"GET\",code=\"200\"} 1e+06\n");
        assertThat(text).contains("http_request_duration_seconds_bucket{le=\"0.005\"} ",
                "http_request_duration_seconds_bucket{le=\"2.5\"} 1e+06\n",
                "http_request_duration_seconds_bucket{le=\"10\"} 1e+06\n",
                "http_request_duration_seconds_bucket{le=\"+Inf\"} 1e+06\n",
                "http_request_duration_seconds_count 1e+06\n");
        // 25 rps x 1 millicore-second + 2 idle = 27m of 100m: mean 20 ms x 1.27 = 25.4 ms, x 1e6 requests
        assertThat(text).contains("http_request_duration_seconds_sum 25400\n");
        // DEFAULT: 64 MiB + 25 x 64 KiB
        assertThat(text).contains("# TYPE process_resident_memory_bytes gauge\nprocess_resident_memory_bytes "
                + "6.8747264e+07\n");
        assertThat(text.lines().filter(l -> !l.startsWith("#")))
                .allSatisfy(l -> assertThat(l.split(" ")).as(l).hasSize(2));
    }
}
