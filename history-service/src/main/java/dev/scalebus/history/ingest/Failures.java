package dev.scalebus.history.ingest;

import java.io.IOException;
import java.sql.SQLException;

/**
 * Tells whose fault a failed store is. The database's (unreachable, shutting down, overloaded, serialization
 * conflict, timeout: any SQL error that is not a data refusal) is retried until it passes; a refusal of the data
 * (SQLState class 22 data exception, 23 integrity constraint violation) and any non-SQL error thrown while mapping
 * one record (DateTimeException, ArithmeticException, ...) are that record's poison and dead-lettered.
 */
final class Failures {

    enum Kind { DATABASE, REFUSED_DATA, RECORD }

    private Failures() {
    }

    static Kind classify(Throwable e) {
        boolean database = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
                    return Kind.REFUSED_DATA;
                }
                database = true; // 08 connection, 57P01 admin shutdown, 53 resources, 40001/40P01, Agroal timeout
            } else if (t instanceof IOException || isTransactionFailure(t)) {
                database = true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return database ? Kind.DATABASE : Kind.RECORD;
    }

    /** JTA and Hibernate failures around the commit: the connection went away under the transaction. */
    private static boolean isTransactionFailure(Throwable t) {
        String name = t.getClass().getName();
        return name.startsWith("jakarta.transaction.") || name.startsWith("javax.transaction.")
                || name.equals("io.quarkus.narayana.jta.QuarkusTransactionException")
                || name.startsWith("org.hibernate.exception.") || name.startsWith("jakarta.persistence.");
    }
}
