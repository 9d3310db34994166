package dev.scalebus.history.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scalebus.events.NodeScrape;
import dev.scalebus.history.Db;
import dev.scalebus.history.TestData;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Retention drops whole day partitions and old rollups; rollups equal the aggregates of the raw samples. */
@QuarkusTest
class RetentionAndRollupTest {

    @Inject
    AgroalDataSource ds;
    @Inject
    SampleWriter writer;
    @Inject
    PartitionManager partitions;
    @Inject
    RollupJob rollups;
    @Inject
    Housekeeping housekeeping;

    private void write(List<NodeScrape> scrapes, Instant notBefore) {
        QuarkusTransaction.requiringNew().run(() -> writer.write(scrapes, notBefore));
    }

    @Test
    void retentionDropsDayPartitionsPastRawRetentionAndOldRollups() {
        LocalDate today = PartitionNames.dayOf(Instant.now());
        LocalDate old = today.minusDays(30);
        String ns = TestData.unique("ns-old");
        Instant oldTime = PartitionNames.start(old).plus(Duration.ofHours(5));
        write(List.of(TestData.scrape(TestData.unique("node-old"), ns, oldTime, 1, 1)), Instant.EPOCH);
        assertThat(Db.count(ds, "SELECT count(*) FROM container_samples WHERE namespace = ?", ns)).isEqualTo(2);
        Db.execute(ds, "INSERT INTO workload_rollups (step, bucket, namespace, workload_kind, workload_name, samples, "
                + "pods) VALUES ('1h', now() - interval '100 days', '" + ns + "', 'Deployment', 'web', 1, 1)");

        housekeeping.applyRetention();

        for (String table : PartitionNames.RAW_TABLES) {
            assertThat(Db.count(ds, "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                    + "WHERE n.nspname = 'history' AND c.relname = ?", PartitionNames.partition(table, old)))
                    .as(table + " partition of " + old).isZero();
        }
        assertThat(partitions.partitions()).extracting(PartitionManager.Partition::day).contains(today)
                .doesNotContain(old);
        assertThat(Db.count(ds, "SELECT count(*) FROM container_samples WHERE namespace = ?", ns)).isZero();
        assertThat(Db.count(ds, "SELECT count(*) FROM workload_rollups WHERE namespace = ?", ns)).isZero();
    }

    @Test
    void twoConcurrentRollupRunsDoTheWorkOnceTheOtherSkips() throws Exception {
        String ns = TestData.unique("ns-once");
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));
        write(List.of(TestData.scrape(TestData.unique("node-once"), ns, start, 2, 1),
                TestData.scrape(TestData.unique("node-once"), ns, start.plusSeconds(60), 2, 2)), Instant.EPOCH);
        ExecutorService replicas = Executors.newFixedThreadPool(2);
        try (Connection admin = DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:5432/scalebus_test?user=postgres")) {
            // the run that gets the advisory lock stalls on its first insert until the administrator lets go
            admin.setAutoCommit(false);
            admin.createStatement().execute("LOCK TABLE history.container_rollups IN EXCLUSIVE MODE");
            Callable<OptionalInt> run = () -> rollups.rollUpUnlessRunning(Step.MINUTE, start, start.plusSeconds(120));
            Future<OptionalInt> a = replicas.submit(run);
            Future<OptionalInt> b = replicas.submit(run);
            await().atMost(Duration.ofSeconds(30)).until(() -> a.isDone() || b.isDone());
            Future<OptionalInt> skipped = a.isDone() ? a : b;
            Future<OptionalInt> working = a.isDone() ? b : a;
            assertThat(skipped.get()).as("the run that found the lock taken").isEmpty();
            assertThat(working.isDone()).as("the run holding the lock waits on the table").isFalse();
            admin.rollback();
            assertThat(working.get(60, TimeUnit.SECONDS)).isPresent();
        } finally {
            replicas.shutdownNow();
        }
        // 2 minutes x 2 pods x 2 containers, written once
        assertThat(Db.count(ds, "SELECT count(*) FROM container_rollups WHERE step = '1m' AND namespace = ?", ns))
                .isEqualTo(8);
        // a replica whose schedule fires right after the other's run skips it too: once per period, not per replica
        assertThat(rollups.rollUpUnlessRunning(Step.MINUTE, start, start.plusSeconds(120))).isEmpty();
        // half a period later (the last run moved back 31 s), a run does the work again
        try (Connection admin = DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:5432/scalebus_test?user=postgres")) {
            admin.createStatement().execute("UPDATE history.rollup_runs SET started_at = started_at - interval '31 s'"
                    + " WHERE step = '" + Step.MINUTE.label() + "'");
        }
        assertThat(rollups.rollUpUnlessRunning(Step.MINUTE, start, start.plusSeconds(120))).isPresent();
    }

    @Test
    void dayPartitionsExistAheadForEveryRawTable() {
        LocalDate today = PartitionNames.dayOf(Instant.now());
        housekeeping.createAhead();
        for (String table : PartitionNames.RAW_TABLES) {
            assertThat(partitions.partitions()).filteredOn(p -> p.table().equals(table))
                    .extracting(PartitionManager.Partition::day)
                    .as(table).contains(today, today.plusDays(1), today.plusDays(2));
        }
    }

    @Test
    void samplesPastRetentionAreSkippedNotFailed() {
        String ns = TestData.unique("ns-late");
        Instant now = Instant.now();
        write(List.of(TestData.scrape(TestData.unique("node-late"), ns, now.minus(Duration.ofDays(8)), 1, 1)),
                now.minus(Duration.ofDays(7)));
        assertThat(Db.count(ds, "SELECT count(*) FROM pod_samples WHERE namespace = ?", ns)).isZero();
    }

    @Test
    void rollupsEqualTheRawAggregatesAndAreIdempotent() {
        String ns = TestData.unique("ns-roll");
        String node = TestData.unique("node-roll");
        // 8 scrapes, 15 s apart, over two closed minutes of an hour two hours ago
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2)).plusSeconds(60);
        List<NodeScrape> scrapes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            scrapes.add(TestData.scrape(node, ns, start.plusSeconds(15L * i), 2, i * i));
        }
        write(scrapes, Instant.EPOCH);

        for (int run = 0; run < 2; run++) {
            rollups.rollUp(Step.MINUTE, start.minusSeconds(60), start.plusSeconds(180));
            rollups.rollUp(Step.HOUR, start.minus(Duration.ofHours(1)), start.plus(Duration.ofHours(1)));
        }

        // 2 minutes x 2 pods x 2 containers; 2 x 2 pods; 2 x 1 workload; and one bucket each for 1h
        assertThat(Db.count(ds, "SELECT count(*) FROM container_rollups WHERE step = '1m' AND namespace = ?", ns))
                .isEqualTo(8);
        assertThat(Db.count(ds, "SELECT count(*) FROM pod_rollups WHERE step = '1m' AND namespace = ?", ns))
                .isEqualTo(4);
        assertThat(Db.count(ds, "SELECT count(*) FROM workload_rollups WHERE step = '1m' AND namespace = ? "
                + "AND workload_kind = 'Deployment' AND workload_name = 'web' AND pods = 2", ns)).isEqualTo(2);
        assertThat(Db.count(ds, "SELECT count(*) FROM container_rollups WHERE step = '1h' AND namespace = ?", ns))
                .isEqualTo(4);

        // every rollup row equals the aggregate of its raw samples
        for (String step : new String[] {"minute", "hour"}) {
            String label = step.equals("minute") ? "1m" : "1h";
            assertThat(Db.count(ds, """
                    SELECT count(*) FROM container_rollups r JOIN (
                      SELECT date_trunc(?, sample_time, 'UTC') AS b, pod, container, count(*) AS n,
                             avg(cpu_nano_cores) AS ca, max(cpu_nano_cores) AS cm,
                             percentile_cont(0.95) WITHIN GROUP (ORDER BY cpu_nano_cores) AS cp,
                             avg(memory_working_set_bytes) AS ma, max(memory_working_set_bytes) AS mm,
                             percentile_cont(0.95) WITHIN GROUP (ORDER BY memory_working_set_bytes) AS mp
                      FROM container_samples WHERE namespace = ? GROUP BY 1, 2, 3) x
                    ON r.bucket = x.b AND r.pod = x.pod AND r.container = x.container
                    WHERE r.step = ? AND r.namespace = ? AND r.samples = x.n
                      AND abs(r.cpu_avg_nano_cores - x.ca) < 1e-3 AND r.cpu_max_nano_cores = x.cm
                      AND abs(r.cpu_p95_nano_cores - x.cp) < 1e-3 AND abs(r.memory_avg_bytes - x.ma) < 1e-3
                      AND r.memory_max_bytes = x.mm AND abs(r.memory_p95_bytes - x.mp) < 1e-3""",
                    step, ns, label, ns)).as(label).isEqualTo(label.equals("1m") ? 8 : 4);
        }

        // and, computed independently here, the cpu of container app of pod 0 in the first minute:
        // seeds 0, 1, 4, 9 -> cpu = 100e6 + seed * 1e6
        double[] cpu = {100e6, 101e6, 104e6, 109e6};
        double p95 = cpu[2] + 0.85 * (cpu[3] - cpu[2]); // rank 0.95 * (n - 1) = 2.85, linear interpolation
        assertThat(Db.count(ds, """
                SELECT count(*) FROM container_rollups WHERE step = '1m' AND namespace = ? AND pod = 'web-5d8f7c-0'
                  AND container = 'app' AND bucket = ? AND samples = 4 AND cpu_max_nano_cores = 109000000
                  AND abs(cpu_avg_nano_cores - 103500000) < 1e-3 AND abs(cpu_p95_nano_cores - ?) < 1e-3""",
                ns, start, p95)).isEqualTo(1);

        // a late sample for a closed bucket is folded in by the next run (upsert, not insert)
        write(List.of(TestData.scrape(node, ns, start.plusSeconds(59), 2, 100)), Instant.EPOCH);
        rollups.rollUp(Step.MINUTE, start, start.plusSeconds(60));
        assertThat(Db.count(ds, "SELECT count(*) FROM container_rollups WHERE step = '1m' AND namespace = ? "
                + "AND bucket = ? AND samples = 5", ns, start)).isEqualTo(4);
        assertThat(Db.count(ds, "SELECT count(*) FROM container_rollups WHERE step = '1m' AND namespace = ? "
                + "AND bucket = ? AND pod = 'web-5d8f7c-0' AND container = 'app' AND cpu_max_nano_cores = 200000000",
                ns, start)).isEqualTo(1);
        assertThat(Db.count(ds, "SELECT count(*) FROM container_rollups WHERE step = '1m' AND namespace = ?", ns))
                .isEqualTo(8);
    }
}
