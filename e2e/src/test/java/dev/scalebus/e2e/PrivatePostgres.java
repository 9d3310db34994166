package dev.scalebus.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL 15 server of the fault-injection suite's own (initdb into a temp dir, trust on 127.0.0.1, run as the
 * OS user postgres since the server refuses root), so that the suite may stop and restart it without touching the
 * shared server on 5432.
 */
final class PrivatePostgres implements AutoCloseable {

    private static final Path BIN = Path.of(System.getenv().getOrDefault("SCALEBUS_PG_BIN", "/usr/lib/postgresql/15/bin"));

    private final int port;
    private final Path dataDir;

    private PrivatePostgres(int port, Path dataDir) {
        this.port = port;
        this.dataDir = dataDir;
    }

    static PrivatePostgres start(int port) throws IOException, InterruptedException {
        Path parent = Files.createTempDirectory("scalebus-chaos-pg");
        Path data = parent.resolve("data");
        run("chown", "postgres", parent.toString());
        run("runuser", "-u", "postgres", "--", BIN.resolve("initdb").toString(), "-D", data.toString(), "-U",
                "postgres", "--auth=trust", "-E", "UTF8", "--no-sync");
        Files.writeString(data.resolve("postgresql.auto.conf"), "port = " + port + "\nlisten_addresses = '127.0.0.1'\n"
                + "unix_socket_directories = '" + parent + "'\nfsync = off\n"
                // to count the rollup job's runs from outside (FaultInjectionIT, two history replicas)
                + "shared_preload_libraries = 'pg_stat_statements'\n");
        PrivatePostgres pg = new PrivatePostgres(port, data);
        pg.ctl("start", "-w", "-l", parent.resolve("server.log").toString());
        return pg;
    }

    int port() {
        return port;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl("scalebus") + "?connectTimeout=5&socketTimeout=30", "scalebus",
                "scalebus");
    }

    /** Runs one statement as the superuser in database scalebus. */
    void superuserSql(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl("scalebus"), "postgres", "");
                java.sql.Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** A single number, read as the superuser in database scalebus. */
    long superuserLong(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl("scalebus"), "postgres", "");
                java.sql.Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** pg_ctl restart -m fast: every connection is closed, the server is back in a second or two. */
    void restart() throws IOException, InterruptedException {
        ctl("restart", "-m", "fast", "-w", "-l", dataDir.getParent().resolve("server.log").toString());
    }

    void stop() throws IOException, InterruptedException {
        ctl("stop", "-m", "fast", "-w");
    }

    void startAgain() throws IOException, InterruptedException {
        ctl("start", "-w", "-l", dataDir.getParent().resolve("server.log").toString());
    }

    @Override
    public void close() throws Exception {
        try {
            ctl("stop", "-m", "immediate", "-w");
        } finally {
            run("rm", "-rf", dataDir.getParent().toString());
        }
    }

    private void ctl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("runuser", "-u", "postgres", "--",
                BIN.resolve("pg_ctl").toString(), "-D", dataDir.toString()));
        command.addAll(List.of(args));
        run(command.toArray(String[]::new));
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("scalebus-chaos-pg", ".out");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        boolean done = p.waitFor(Duration.ofMinutes(2).toMillis(), TimeUnit.MILLISECONDS);
        String output = Files.readString(out);
        Files.deleteIfExists(out);
        if (!done || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + (done ? " exited " + p.exitValue() : " timed out")
                    + ":\n" + output);
        }
    }
}
