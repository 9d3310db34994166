package dev.scalebus.collector.kubelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.scalebus.collector.config.Settings;
import dev.scalebus.collector.scrape.FailureReason;
import dev.scalebus.collector.scrape.ScrapeException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #14's "a kubelet answering 20 MiB, hanging, or trickling" against the client with the DEFAULT cap
 * (max-body-bytes = 16 MiB; CollectorServiceTest runs with a 1 MiB test cap): each request fails with its own
 * reason and the shared client keeps serving the next node.
 */
class CappedHttpClientTest {

    private static final int TWENTY_MIB = 20 << 20;

    private final ExecutorService serverThreads = Executors.newFixedThreadPool(4);
    private final ExecutorService clientThreads = Executors.newFixedThreadPool(2);
    private HttpServer server;
    private CappedHttpClient client;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(serverThreads);
        server.createContext("/chunked-20mib", exchange -> twentyMib(exchange, 0));
        server.createContext("/declared-20mib", exchange -> twentyMib(exchange, TWENTY_MIB));
        server.createContext("/trickle", this::trickle);
        server.createContext("/ok", exchange -> {
            byte[] body = "# HELP ok\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        long defaultCap = Settings.defaults().maxBodyBytes();
        assertThat(defaultCap).isEqualTo(16L << 20);
        client = CappedHttpClient.create(SSLContext.getDefault(), Duration.ofSeconds(2), defaultCap, clientThreads,
                Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        server.stop(0);
        serverThreads.shutdownNow();
        clientThreads.shutdownNow();
    }

    @Test
    void aTwentyMibAnswerIsCutAtTheCapWhetherChunkedOrDeclared() {
        assertThat(failure("/chunked-20mib").reason()).isEqualTo(FailureReason.TOO_LARGE);
        ScrapeException declared = failure("/declared-20mib");
        assertThat(declared.reason()).isEqualTo(FailureReason.TOO_LARGE);
        assertThat(declared).hasMessageContaining("Content-Length 20971520 exceeds max-body-bytes=16777216");
        assertThat(ok()).as("the shared client serves the next node").isTrue();
    }

    @Test
    void anAnswerThatNeverEndsHitsTheDeadline() {
        assertThat(failure("/trickle").reason()).isEqualTo(FailureReason.TIMEOUT);
        assertThat(ok()).as("the shared client serves the next node").isTrue();
    }

    private ScrapeException failure(String path) {
        Throwable thrown = catchThrowable(() -> client.get(uri(path), Map.of()).toCompletableFuture()
                .get(30, TimeUnit.SECONDS));
        assertThat(thrown).as(path).hasCauseInstanceOf(ScrapeException.class);
        return (ScrapeException) thrown.getCause();
    }

    private boolean ok() {
        try {
            return client.get(uri("/ok"), Map.of()).toCompletableFuture().get(30, TimeUnit.SECONDS).body().length > 0;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** 20 MiB of comment lines, chunked ({@code length} 0) or with a Content-Length. */
    private static void twentyMib(HttpExchange exchange, long length) throws IOException {
        byte[] chunk = ("#" + "x".repeat(64 * 1024 - 2) + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, length);
        try (OutputStream out = exchange.getResponseBody()) {
            for (int written = 0; written < TWENTY_MIB; written += chunk.length) {
                out.write(chunk);
            }
        } catch (IOException clientHungUp) {
            // expected: the client stops reading at the cap
        }
    }

    /** Headers at once, then one byte every 100 ms: never a complete answer within the deadline (bounded: 10 s). */
    private void trickle(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < 100; i++) {
                out.write('#');
                out.flush();
                TimeUnit.MILLISECONDS.sleep(100);
            }
        } catch (IOException | InterruptedException clientHungUp) {
            // expected: the client gives up at its deadline
        }
    }
}
