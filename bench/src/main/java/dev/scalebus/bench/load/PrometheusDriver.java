package dev.scalebus.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The peer: a real Prometheus (Debian's 2.42 package) scraping the same simulated {@code /metrics/resource} targets
 * over HTTPS with the same CA, every {@code interval} seconds. After a warm-up of two intervals it reads Prometheus's
 * CPU from /proc/PID/stat and its own scrape counter ({@code prometheus_target_interval_length_seconds_count}), and
 * again after {@code seconds}: CPU per target scrape. Prometheus also appends every sample to its TSDB (head + WAL),
 * which the collector does not do (it hands JSON to Kafka): that is the work each needs to make scrapes usable.
 *
 * <p>Args: dir seconds intervalSeconds [prometheusBinary]
 */
public final class PrometheusDriver {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]).toAbsolutePath();
        double seconds = Double.parseDouble(args[1]);
        int interval = Integer.parseInt(args[2]);
        String binary = args.length > 3 ? args[3] : "prometheus";
        List<String> targets = Files.readAllLines(dir.resolve("targets.txt"));
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, "global:\n  scrape_interval: " + interval + "s\n  scrape_timeout: " + interval
                + "s\nscrape_configs:\n  - job_name: kubelet-resource\n    scheme: https\n"
                + "    metrics_path: /metrics/resource\n    tls_config:\n      ca_file: " + dir.resolve("ca.pem")
                + "\n    static_configs:\n      - targets:\n"
                + targets.stream().map(t -> "          - '" + t + "'").collect(Collectors.joining("\n")) + "\n");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path data = Files.createTempDirectory(dir, "prom-data");
        Process prom = new ProcessBuilder(binary, "--config.file=" + config, "--storage.tsdb.path=" + data,
                "--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        int status = 0;
        try {
            String base = "http://127.0.0.1:" + port;
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!ready(base)) {
                if (!prom.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("prometheus did not become ready, see " + dir.resolve("prometheus.log"));
                }
                Thread.sleep(200);
            }
            Thread.sleep(2000L * interval); // first scrapes: TLS handshakes, series creation
            double cpu0 = ProcessCpu.ofPid(prom.pid());
            long t0 = System.nanoTime();
            long window = Math.max(1, Math.round(seconds / interval)) * interval; // whole intervals: one scrape per target each
            Thread.sleep(window * 1000L);
            double cpu = ProcessCpu.ofPid(prom.pid()) - cpu0;
            double wall = (System.nanoTime() - t0) / 1e9;
            // every scrape, failed or not, writes one `up` sample stamped with its start: count those in the window
            double scrapes = query(base, "sum(count_over_time(up[" + Math.round(wall * 1000) + "ms]))");
            double up = query(base, "sum(up)");
            System.out.printf(Locale.ROOT, "prometheus: %d targets (%.0f up), %.0f scrapes in %.1f s, cpu %.2f s%n",
                    targets.size(), up, scrapes, wall, cpu);
            System.out.printf(Locale.ROOT, "RESULT prometheus.targets %d%n", targets.size());
            System.out.printf(Locale.ROOT, "RESULT prometheus.up %.0f%n", up);
            System.out.printf(Locale.ROOT, "RESULT prometheus.scrapes %.0f%n", scrapes);
            System.out.printf(Locale.ROOT, "RESULT prometheus.scrapesPerSecond %.1f%n", scrapes / wall);
            System.out.printf(Locale.ROOT, "RESULT prometheus.cpuSecondsPer1000Scrapes %.3f%n", cpu / scrapes * 1000);
            if (scrapes <= 0 || up < 0.99 * targets.size()) {
                status = 2; // exit after the finally block has stopped Prometheus
            }
        } finally {
            prom.destroy();
            prom.waitFor();
        }
        System.exit(status);
    }

    private static boolean ready(String base) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/-/ready")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static double query(String base, String promql) throws Exception {
        String body = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        JsonNode result = new ObjectMapper().readTree(body).path("data").path("result");
        return result.isEmpty() ? 0 : result.get(0).path("value").get(1).asDouble();
    }
}
