package dev.scalebus.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain HTTP to the simulated API server and to the bench's {@link SimulatorControl}. */
final class SimHttp {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final String api;
    private final String control;

    SimHttp(String api, String control) {
        this.api = api;
        this.control = control;
    }

    /** The object at {@code path}, or null when the API server answers 404. */
    JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(URI.create(api + path)).GET());
        if (r.statusCode() == 404) {
            return null;
        }
        return json.readTree(ok(r, "GET " + path));
    }

    void delete(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(URI.create(api + path)).DELETE());
        if (r.statusCode() != 404) {
            ok(r, "DELETE " + path);
        }
    }

    void mergePatch(String path, String patch) throws IOException, InterruptedException {
        ok(send(HttpRequest.newBuilder(URI.create(api + path)).header("Content-Type", "application/merge-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(patch))), "PATCH " + path);
    }

    /** Sets a deployment's request rate; returns the epoch millisecond the simulator applied it. */
    long setLoad(String namespace, String deployment, double rps) throws IOException, InterruptedException {
        String path = "/load/" + namespace + "/" + deployment;
        byte[] body = ok(send(HttpRequest.newBuilder(URI.create(control + path))
                .PUT(HttpRequest.BodyPublishers.ofString(Double.toString(rps)))), "PUT " + path);
        return Long.parseLong(new String(body).trim());
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(10)).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] ok(HttpResponse<byte[]> r, String what) throws IOException {
        if (r.statusCode() / 100 != 2) {
            throw new IOException(what + ": " + r.statusCode() + " " + new String(r.body()));
        }
        return r.body();
    }
}
