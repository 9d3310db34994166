package dev.scalebus.collector.publish;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft broker of its own (never the shared one) as a child process, from the Kafka 4.1.1 jars
 * {@code ./scalebus kafka start} resolves (tools/kafka/pom.xml): configured like the script's broker, on free ports
 * and a temp directory, so a test can stop it and start it again on the same port and data.
 */
final class ThrowawayKafka implements AutoCloseable {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private final Path dir;
    private final int port;
    private final String classpath;
    private Process process;
    private int starts;

    ThrowawayKafka() throws Exception {
        this.dir = Files.createTempDirectory("collector-kafka-");
        this.port = freePort();
        int controllerPort = freePort();
        this.classpath = classpath();
        Files.writeString(dir.resolve("server.properties"), String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + dir.resolve("data"),
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=false", ""));
        Process format = new ProcessBuilder("java", "-cp", classpath, "kafka.tools.StorageTool", "format", "-t",
                Uuid.randomUuid().toString(), "-c", dir.resolve("server.properties").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("format.log").toFile()).start();
        if (!format.waitFor(2, TimeUnit.MINUTES) || format.exitValue() != 0) {
            throw new IllegalStateException("formatting the broker's log dir failed: "
                    + Files.readString(dir.resolve("format.log")));
        }
    }

    String bootstrap() {
        return "127.0.0.1:" + port;
    }

    /** Starts the broker and waits until it says it started. */
    void start() throws IOException {
        Path log = dir.resolve("broker-" + (++starts) + ".log");
        process = new ProcessBuilder("java", "-Xms64m", "-Xmx384m", "-cp", classpath, "kafka.Kafka",
                dir.resolve("server.properties").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("the broker exited: " + Files.readString(log));
            }
            return Files.readString(log).contains("Kafka Server started");
        });
    }

    /** Stops the broker (SIGTERM, then SIGKILL after 60 s); its data stays for the next start. */
    void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        process = null;
    }

    @Override
    public void close() throws Exception {
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** The script's resolved classpath, else the same resolution into target/ (offline). */
    private static String classpath() throws Exception {
        Path resolved = ROOT.resolve(".scalebus/kafka-classpath.txt");
        if (!Files.isReadable(resolved) || Files.readString(resolved).isBlank()) {
            resolved = Path.of("target/kafka-classpath.txt").toAbsolutePath();
            Process mvn = new ProcessBuilder(List.of(ROOT.resolve("mvnw").toString(), "-o", "-q", "-B", "-f",
                    ROOT.resolve("tools/kafka/pom.xml").toString(), "dependency:build-classpath",
                    "-Dmdep.outputFile=" + resolved, "-Dmdep.includeScope=runtime"))
                    .redirectErrorStream(true).redirectOutput(Path.of("target/kafka-resolve.log").toFile()).start();
            if (!mvn.waitFor(5, TimeUnit.MINUTES) || mvn.exitValue() != 0) {
                throw new IllegalStateException("could not resolve the Kafka broker jars, see target/kafka-resolve.log");
            }
        }
        return Files.readString(resolved).strip();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
