package dev.scalebus.bench.load;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.scalebus.simulator.SimulatedCluster;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The load step of a bench run, in the simulator's JVM: {@code PUT /load/NAMESPACE/DEPLOYMENT} with the request
 * rate (req/s) as the body sets that deployment's load (what the simulator app's control API
 * {@code PUT /simulator/deployments/{ns}/{name}/load} does) and answers the epoch millisecond at which the new rate
 * took effect — the start of a reaction-time sample. Listens on 127.0.0.1, a free port.
 */
final class SimulatorControl implements AutoCloseable {

    private final HttpServer server;

    private SimulatorControl(HttpServer server) {
        this.server = server;
    }

    static SimulatorControl start(SimulatedCluster cluster, Path portFile) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/load/", exchange -> {
            try {
                String[] parts = exchange.getRequestURI().getPath().split("/");
                if (!"PUT".equals(exchange.getRequestMethod()) || parts.length != 4) {
                    answer(exchange, 400, "PUT /load/NAMESPACE/DEPLOYMENT with the req/s as body");
                    return;
                }
                double rps;
                try {
                    rps = Double.parseDouble(new String(exchange.getRequestBody().readAllBytes(),
                            StandardCharsets.UTF_8).trim());
                } catch (NumberFormatException e) {
                    answer(exchange, 400, "body: not a number of requests per second");
                    return;
                }
                cluster.setRequestRate(parts[2], parts[3], rps);
                answer(exchange, 200, Long.toString(System.currentTimeMillis()));
            } catch (RuntimeException e) { // unknown deployment
                answer(exchange, 404, e.toString());
            } finally {
                exchange.close();
            }
        });
        server.start();
        Files.writeString(portFile, Integer.toString(server.getAddress().getPort()));
        return new SimulatorControl(server);
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
