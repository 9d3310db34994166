package dev.scalebus.history.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The queries pool connects exactly as the ingest pool does: one URL (and so one set of TLS parameters such as
 * sslmode and sslrootcert), one user, given once.
 */
@QuarkusTest
class DataSourceSettingsTest {

    @Inject
    AgroalDataSource ingest;
    @Inject
    @DataSource("queries")
    AgroalDataSource queries;

    @Test
    void theQueriesPoolUsesTheMainDatasourcesUrlAndUser() {
        var main = ingest.getConfiguration().connectionPoolConfiguration().connectionFactoryConfiguration();
        var other = queries.getConfiguration().connectionPoolConfiguration().connectionFactoryConfiguration();
        assertThat(other.jdbcUrl()).isEqualTo(main.jdbcUrl()).contains("/scalebus_test");
        assertThat(other.principal().getName()).isEqualTo(main.principal().getName());
    }
}
