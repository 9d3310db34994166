package dev.scalebus.collector.custom;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.scalebus.collector.kube.AppPodTarget;
import dev.scalebus.collector.ops.AppMetrics;
import dev.scalebus.events.CustomMetricSamples;
import dev.scalebus.events.rules.AdapterRules;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The scraper over real HTTP (a JDK HttpServer playing several application pods) with the real client. */
class AppScraperTest {

    private final AtomicInteger requests = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<CustomMetricSamples> published = new CopyOnWriteArrayList<>();
    private final AppMetrics metrics = new AppMetrics(new SimpleMeterRegistry());
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final List<String> acceptHeaders = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private AppScraper scraper;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/ok", exchange -> {
            acceptHeaders.add(exchange.getRequestHeaders().getFirst("Accept"));
            answer(exchange, 200, """
                    # HELP http_requests_total Requests.
                    # TYPE http_requests_total counter
                    http_requests_total{method="GET",code="200"} %d
                    # TYPE process_resident_memory_bytes gauge
                    process_resident_memory_bytes 1.5e7
                    """.formatted(requests.incrementAndGet() * 10));
        });
        server.createContext("/unselected", exchange -> answer(exchange, 200, "process_resident_memory_bytes 1\n"));
        server.createContext("/http-500", exchange -> answer(exchange, 500, "boom"));
        server.createContext("/malformed", exchange -> answer(exchange, 200, "http_requests_total{code=\"200 1\n"));
        server.createContext("/huge", exchange -> answer(exchange, 200, "#" + "x".repeat(128 * 1024)));
        server.createContext("/hang", exchange -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
        AppMetricsClient client = new JdkAppMetricsClient(SSLContext.getDefault(), Duration.ofMillis(500), 64 * 1024,
                threads, Clock.systemUTC());
        scraper = new AppScraper(AdapterRules.defaults(), client, published::add, metrics, 2, threads);
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
        threads.shutdownNow();
    }

    @Test
    void healthyPodsPublishTheSelectedSeriesWhileFailingPodsAreCountedByReason() throws Exception {
        List<AppPodTarget> targets = List.of(target("hang"), target("ok"), target("http-500"), target("malformed"),
                target("huge"), target("unselected"), refused(),
                new AppPodTarget("shop", "no-port", "node-a", null, "no-port", "no prometheus.io/port annotation"));

        scraper.cycle(1, targets).get(10, TimeUnit.SECONDS);
        scraper.cycle(2, targets).get(10, TimeUnit.SECONDS);

        assertThat(published).hasSize(2).allSatisfy(event -> {
            assertThat(event.key()).isEqualTo("shop/ok");
            assertThat(event.nodeName()).isEqualTo("node-a");
            assertThat(event.series()).singleElement().satisfies(s -> {
                assertThat(s.name()).isEqualTo("http_requests_total");
                assertThat(s.type()).isEqualTo("counter");
                assertThat(s.labels()).containsEntry("code", "200");
            });
        });
        assertThat(published).extracting(e -> e.series().get(0).value()).containsExactly(10.0, 20.0);
        for (String reason : List.of("timeout", "http-error", "malformed", "too-large", "connection-refused",
                "no-port")) {
            assertThat(metrics.errors(reason)).as(reason).isEqualTo(2);
        }
        assertThat(metrics.podsScraped()).as("ok and unselected answered").isEqualTo(4);
        assertThat(acceptHeaders).first().asString().startsWith("text/plain;version=0.0.4");
    }

    @Test
    void aHangingPodHoldsItsSlotOnlyUntilThePerPodTimeout() throws Exception {
        AppScraper oneSlot = new AppScraper(AdapterRules.defaults(), new JdkAppMetricsClient(SSLContext.getDefault(),
                Duration.ofMillis(500), 64 * 1024, threads, Clock.systemUTC()), published::add, metrics, 1, threads);

        oneSlot.cycle(1, List.of(target("hang"), target("ok"))).get(10, TimeUnit.SECONDS);

        assertThat(metrics.errors("timeout")).isEqualTo(1);
        assertThat(published).hasSize(1);
    }

    private AppPodTarget target(String pod) {
        return new AppPodTarget("shop", pod, "node-a",
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + pod), null, null);
    }

    private static AppPodTarget refused() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        return new AppPodTarget("shop", "refused", "node-a", URI.create("http://127.0.0.1:" + port + "/metrics"),
                null, null);
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
