package dev.scalebus.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The stack that {@code ./scalebus up --detach} runs, seen from outside: the script itself, kubectl against the
 * simulator's kubeconfig, the services' HTTP ports, and the tails of their logs for failure messages.
 */
final class Stack {

    static final ObjectMapper JSON = new ObjectMapper();

    /** Where ./scalebus up puts its state (fixed by the script). */
    private final Path root;
    private final Path up;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Stack(Path root) {
        this.root = root;
        this.up = root.resolve(".scalebus/up");
    }

    Path kubeconfig() {
        return up.resolve("cluster/kubeconfig");
    }

    /** Runs {@code ./scalebus ARGS} from the repository root with extra environment, up to {@code timeout}. */
    Result scalebus(Map<String, String> env, Duration timeout, String... args) {
        List<String> command = new ArrayList<>();
        command.add(root.resolve("scalebus").toString());
        command.addAll(List.of(args));
        return run(command, env, timeout);
    }

    /** Runs kubectl against the simulated cluster. */
    Result kubectl(String... args) {
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig().toString()));
        command.addAll(List.of(args));
        return run(command, Map.of(), Duration.ofSeconds(60));
    }

    /** GET http://127.0.0.1:PORT/PATH; the body when 200, else an exception naming the status and body. */
    String get(int port, String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET :" + port + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    JsonNode getJson(int port, String path) throws IOException, InterruptedException {
        return JSON.readTree(get(port, path));
    }

    /** PUT JSON; fails unless 2xx. */
    void put(int port, String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IOException("PUT :" + port + path + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    /** The last lines of every service log, for failure messages. */
    String logTails(int lines) {
        StringBuilder out = new StringBuilder();
        Path logs = up.resolve("logs");
        if (!Files.isDirectory(logs)) {
            return "(no logs in " + logs + ")";
        }
        try (Stream<Path> files = Files.list(logs)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
                List<String> all = Files.readAllLines(f, StandardCharsets.UTF_8);
                out.append("\n----- ").append(f).append(" (last ").append(lines).append(" lines)\n");
                all.subList(Math.max(0, all.size() - lines), all.size())
                        .forEach(l -> out.append(l.length() > 400 ? l.substring(0, 400) + "..." : l).append('\n'));
            }
        } catch (IOException | RuntimeException e) {
            out.append("(could not read the logs: ").append(e).append(")");
        }
        return out.toString();
    }

    private Result run(List<String> command, Map<String, String> env, Duration timeout) {
        String line = String.join(" ", command);
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile());
            pb.environment().putAll(env);
            Path stdout = Files.createTempFile("scalebus-e2e", ".out");
            Path stderr = Files.createTempFile("scalebus-e2e", ".err");
            pb.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
            Process p = pb.start();
            boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroy);
                p.destroy();
                p.waitFor(10, TimeUnit.SECONDS);
            }
            Result result = new Result(line, done ? p.exitValue() : -1, Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8), !done);
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
            return result;
        } catch (IOException e) {
            return new Result(line, -1, "", e.toString(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(line, -1, "", "interrupted", false);
        }
    }

    /** A finished command: its standard output and, apart, its standard error (kubectl warns there). */
    record Result(String command, int exitCode, String output, String errors, boolean timedOut) {
        boolean ok() {
            return exitCode == 0;
        }

        @Override
        public String toString() {
            return "`" + command + "` " + (timedOut ? "timed out" : "exited " + exitCode) + ":\n" + output
                    + (errors.isBlank() ? "" : "\n(stderr)\n" + errors);
        }
    }
}
