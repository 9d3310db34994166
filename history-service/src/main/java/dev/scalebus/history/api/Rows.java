package dev.scalebus.history.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.scalebus.events.EventJson;
import dev.scalebus.history.store.StoreException;
import dev.scalebus.history.HistoryConfig;
import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs read-only SQL and returns rows as ordered maps (column name to value): timestamps as Instants, jsonb as JSON
 * trees, numbers as they are. Used by the query endpoints, whose columns vary with the step. Runs on the
 * {@code queries} datasource (a small pool of its own, so that heavy history queries never take the connections
 * ingest needs) with a query timeout ({@code api.query-timeout}); a cancelled query is a {@link QueryTimeoutException}.
 */
@ApplicationScoped
public class Rows {

    /** PostgreSQL's SQLState for a statement cancelled (by the query timeout here). */
    private static final String QUERY_CANCELED = "57014";

    private final AgroalDataSource dataSource;
    private final int timeoutSeconds;

    public Rows(@DataSource("queries") AgroalDataSource dataSource, HistoryConfig config) {
        this.dataSource = dataSource;
        this.timeoutSeconds = (int) Math.max(1, (config.api().queryTimeout().toMillis() + 999) / 1000);
    }

    public List<Map<String, Object>> query(String sql, List<Object> params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setQueryTimeout(timeoutSeconds);
            for (int i = 0; i < params.size(); i++) {
                Object p = params.get(i);
                ps.setObject(i + 1, p instanceof Instant t ? OffsetDateTime.ofInstant(t, ZoneOffset.UTC) : p);
            }
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                List<Map<String, Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        row.put(md.getColumnLabel(i), value(rs, i, md.getColumnTypeName(i)));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            if (QUERY_CANCELED.equals(e.getSQLState())) {
                throw new QueryTimeoutException(timeoutSeconds);
            }
            throw new StoreException("query failed: " + e.getMessage(), e);
        }
    }

    public boolean exists(String sql, List<Object> params) {
        return !query(sql, params).isEmpty();
    }

    private static Object value(ResultSet rs, int i, String type) throws SQLException {
        switch (type) {
            case "timestamptz": {
                OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
                return t == null ? null : t.toInstant();
            }
            case "jsonb":
            case "json": {
                String json = rs.getString(i);
                try {
                    return json == null ? null : EventJson.mapper().readTree(json);
                } catch (JsonProcessingException e) {
                    throw new SQLException("stored JSON unreadable", e);
                }
            }
            default:
                return rs.getObject(i);
        }
    }
}
