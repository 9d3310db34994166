package dev.scalebus.history.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebus.history.store.StoreException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.DateTimeException;
import org.junit.jupiter.api.Test;

class FailuresTest {

    @Test
    void dataRefusalsAreTheRecords() {
        assertThat(Failures.classify(new StoreException("x", new SQLException("nul", "22021"))))
                .isEqualTo(Failures.Kind.REFUSED_DATA);
        assertThat(Failures.classify(new RuntimeException(new SQLException("dup", "23505"))))
                .isEqualTo(Failures.Kind.REFUSED_DATA);
    }

    @Test
    void everyOtherSqlErrorIsTheDatabases() {
        for (String state : new String[] {"08006", "08001", "57P01", "53300", "40001", "40P01", "57014", null}) {
            assertThat(Failures.classify(new StoreException("x", new SQLException("down", state))))
                    .as(state).isEqualTo(Failures.Kind.DATABASE);
        }
        // Agroal: "Acquisition timeout while waiting for new connection"
        assertThat(Failures.classify(new SQLTransientConnectionException("Acquisition timeout")))
                .isEqualTo(Failures.Kind.DATABASE);
    }

    @Test
    void nonSqlErrorsWhileMappingAreTheRecordsPoison() {
        assertThat(Failures.classify(new DateTimeException("Invalid value for Year"))).isEqualTo(Failures.Kind.RECORD);
        assertThat(Failures.classify(new ArithmeticException("long overflow"))).isEqualTo(Failures.Kind.RECORD);
        assertThat(Failures.classify(new NullPointerException())).isEqualTo(Failures.Kind.RECORD);
    }
}
