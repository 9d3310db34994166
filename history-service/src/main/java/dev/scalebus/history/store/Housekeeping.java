package dev.scalebus.history.store;

import dev.scalebus.history.HistoryConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/** The periodic jobs: partitions ahead, retention, and the rollups of closed buckets. */
@ApplicationScoped
public class Housekeeping {

    private static final Logger LOG = Logger.getLogger(Housekeeping.class);

    private final PartitionManager partitions;
    private final RollupJob rollups;
    private final HistoryConfig config;
    private final Clock clock;

    public Housekeeping(PartitionManager partitions, RollupJob rollups, HistoryConfig config, Clock clock) {
        this.partitions = partitions;
        this.rollups = rollups;
        this.config = config;
        this.clock = clock;
    }

    /** Right after the migration (priority 1), so the first scrape finds today's partition. */
    void onStart(@Observes @Priority(2) StartupEvent event) {
        createAhead();
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void hourly() {
        createAhead();
        applyRetention();
    }

    @Scheduled(every = "1m", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void minuteRollups() {
        Instant closed = clock.instant().minus(config.rollup().settle());
        // every replica schedules it; the advisory lock lets one run it and the others skip (DEBUG)
        safely("1m rollup", () -> rollups.rollUpUnlessRunning(Step.MINUTE,
                closed.minus(config.rollup().minuteLookback()), closed));
    }

    @Scheduled(every = "30m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void hourRollups() {
        Instant closed = clock.instant().minus(config.rollup().settle());
        safely("1h rollup", () -> rollups.rollUpUnlessRunning(Step.HOUR,
                closed.minus(config.rollup().hourLookback()), closed));
    }

    /** Today and the configured days ahead. */
    public void createAhead() {
        LocalDate today = PartitionNames.dayOf(clock.instant());
        List<LocalDate> days = new ArrayList<>();
        for (int i = 0; i <= config.partitions().aheadDays(); i++) {
            days.add(today.plusDays(i));
        }
        safely("partitions ahead", () -> partitions.ensure(days));
    }

    public void applyRetention() {
        Instant now = clock.instant();
        safely("raw retention", () -> partitions.dropOlderThan(now.minus(config.retention().raw())));
        safely("rollup retention", () -> rollups.deleteOlderThan(now.minus(config.retention().rollups())));
    }

    /** A failing database fails the job run, never the scheduler: the next run tries again. */
    private static void safely(String job, Runnable run) {
        try {
            run.run();
        } catch (RuntimeException e) {
            LOG.infof(e, "%s failed; next run retries", job);
        }
    }
}
