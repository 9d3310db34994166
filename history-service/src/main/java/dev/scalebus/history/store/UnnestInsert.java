package dev.scalebus.history.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A multi-row {@code INSERT ... SELECT FROM unnest(arrays) ON CONFLICT DO NOTHING}: one statement and one round trip
 * for a whole scrape, whatever its size (a JDBC batch would need reWriteBatchedInserts to come close). Values are
 * bound as one array per column; timestamps and JSON travel as text and are cast by PostgreSQL.
 */
final class UnnestInsert {

    /** A column and the PostgreSQL type of its array parameter. */
    record Column(String name, String arrayType, String castTo) {
        static Column of(String name, String type) {
            return switch (type) {
                case "timestamptz", "jsonb" -> new Column(name, "text", type);
                default -> new Column(name, type, type);
            };
        }
    }

    private final String sql;
    private final List<Column> columns;
    private final List<List<Object>> values = new ArrayList<>();

    UnnestInsert(String table, List<Column> columns) {
        this.columns = columns;
        for (int i = 0; i < columns.size(); i++) {
            values.add(new ArrayList<>());
        }
        String names = columns.stream().map(Column::name).collect(Collectors.joining(", "));
        String arrays = columns.stream().map(c -> "CAST(? AS " + c.castTo() + "[])").collect(Collectors.joining(", "));
        this.sql = "INSERT INTO " + table + " (" + names + ") SELECT * FROM unnest(" + arrays + ") ON CONFLICT DO NOTHING";
    }

    /** Adds a row; values in column order, Instants and JSON as their text form. */
    void add(Object... row) {
        if (row.length != columns.size()) {
            throw new IllegalArgumentException("want " + columns.size() + " values, got " + row.length);
        }
        for (int i = 0; i < row.length; i++) {
            values.get(i).add(row[i] == null ? null : (columns.get(i).arrayType().equals("text") ? row[i].toString() : row[i]));
        }
    }

    int size() {
        return values.get(0).size();
    }

    /** Runs the insert; returns the rows actually inserted (re-delivered rows count 0). */
    int execute(Connection connection) throws SQLException {
        if (size() == 0) {
            return 0;
        }
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < columns.size(); i++) {
                ps.setArray(i + 1, connection.createArrayOf(columns.get(i).arrayType(), values.get(i).toArray()));
            }
            return ps.executeUpdate();
        }
    }
}
