package dev.scalebus.history.store;

import dev.scalebus.history.HistoryConfig;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Creates the day partitions of the raw tables (ahead of time and on demand) and drops those past retention.
 * DDL runs in its own transaction (suspending the caller's) so that a created partition is known only once committed.
 */
@ApplicationScoped
public class PartitionManager {

    private static final Logger LOG = Logger.getLogger(PartitionManager.class);
    /** Serializes partition DDL between instances: CREATE TABLE IF NOT EXISTS alone races on the catalog. */
    private static final long DDL_LOCK = 0x5ca1eb05L;

    private final AgroalDataSource dataSource;
    private final String schema;
    private final Set<LocalDate> existing = ConcurrentHashMap.newKeySet();

    public PartitionManager(AgroalDataSource dataSource, HistoryConfig config) {
        this.dataSource = dataSource;
        this.schema = config.schema();
    }

    /** Makes sure every raw table has a partition for each day; cheap when they are known to exist. */
    public void ensure(Collection<LocalDate> days) {
        List<LocalDate> missing = days.stream().distinct().filter(d -> !existing.contains(d)).toList();
        if (missing.isEmpty()) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> create(missing));
        existing.addAll(missing);
    }

    private void create(List<LocalDate> days) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + DDL_LOCK + ")");
            for (LocalDate day : days) {
                for (String table : PartitionNames.RAW_TABLES) {
                    s.execute("CREATE TABLE IF NOT EXISTS " + schema + "." + PartitionNames.partition(table, day)
                            + " PARTITION OF " + schema + "." + table
                            + " FOR VALUES FROM ('" + PartitionNames.start(day) + "') TO ('"
                            + PartitionNames.start(day.plusDays(1)) + "')");
                }
                LOG.debugf("partitions for %s ready", day);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot create partitions for " + days, e);
        }
    }

    /** Drops every day partition whose whole day is older than {@code cutoff}; returns the dropped names. */
    public List<String> dropOlderThan(Instant cutoff) {
        return QuarkusTransaction.requiringNew().call(() -> drop(cutoff));
    }

    private List<String> drop(Instant cutoff) {
        List<String> dropped = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + DDL_LOCK + ")");
            }
            for (Partition p : partitions(c)) {
                if (PartitionNames.expired(p.day(), cutoff)) {
                    try (Statement s = c.createStatement()) {
                        s.execute("DROP TABLE IF EXISTS " + schema + "." + p.name());
                    }
                    existing.remove(p.day());
                    dropped.add(p.name());
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot drop partitions older than " + cutoff, e);
        }
        if (!dropped.isEmpty()) {
            LOG.infof("retention dropped partitions older than %s: %s", cutoff, dropped);
        }
        return dropped;
    }

    /** The day partitions that exist now, of every raw table. */
    public List<Partition> partitions() {
        try (Connection c = dataSource.getConnection()) {
            return partitions(c);
        } catch (SQLException e) {
            throw new StoreException("cannot list partitions", e);
        }
    }

    private List<Partition> partitions(Connection c) throws SQLException {
        List<Partition> result = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT parent.relname, child.relname
                FROM pg_inherits i
                JOIN pg_class child ON child.oid = i.inhrelid
                JOIN pg_class parent ON parent.oid = i.inhparent
                JOIN pg_namespace n ON n.oid = parent.relnamespace
                WHERE n.nspname = ? AND parent.relkind = 'p'""")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String table = rs.getString(1);
                    String name = rs.getString(2);
                    PartitionNames.dayOf(table, name).ifPresent(day -> result.add(new Partition(table, name, day)));
                }
            }
        }
        return result;
    }

    /** One day partition of a raw table. */
    public record Partition(String table, String name, LocalDate day) {
    }
}
