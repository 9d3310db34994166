package dev.scalebus.history.store;

import dev.scalebus.history.HistoryConfig;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

/**
 * Migrates the schema before anything else starts (quarkus-flyway is not on the Maven mirror, so plain Flyway runs
 * from the first StartupEvent observer). Everything lives in its own schema so that the database can be shared.
 */
@ApplicationScoped
public class FlywayMigrator {

    private static final Logger LOG = Logger.getLogger(FlywayMigrator.class);

    void migrate(@Observes @Priority(1) StartupEvent event, AgroalDataSource dataSource, HistoryConfig config) {
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .schemas(config.schema())
                .defaultSchema(config.schema())
                .createSchemas(true)
                .locations("classpath:db/migration")
                .load();
        var result = flyway.migrate();
        var current = flyway.info().current();
        LOG.infof("schema %s at version %s (%d migrations applied now)", config.schema(),
                current == null ? "none" : current.getVersion(), result.migrationsExecuted);
    }
}
