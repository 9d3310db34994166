package dev.scalebus.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Counts, for a time window, what went into Kafka against what history stored: node scrapes published (with the
 * node's own usage) vs rows in history.node_samples, decisions published vs rows in history.decisions, and decisions
 * stored twice under different ids (equal to the autoscaler's previous decision).
 */
final class Ledger {

    record Counts(long samplesPublished, long samplesStored, long decisionsMade, long decisionsStored,
            long duplicates, long deadLettered) {
    }

    private final Topics topics;
    private final PrivatePostgres pg;

    Ledger(Topics topics, PrivatePostgres pg) {
        this.topics = topics;
        this.pg = pg;
    }

    /** Counts [from, to); records the suite published itself (poison) are left out by topic coordinates. */
    Counts count(Instant from, Instant to, Set<String> ownRecords) throws Exception {
        List<String> nodes = new ArrayList<>();
        List<Timestamp> times = new ArrayList<>();
        for (Topics.Read r : topics.read(Topics.NODE_SCRAPES, from, to)) {
            JsonNode v = parse(r);
            if (v == null || ownRecords.contains(coordinates(r)) || v.path("node").isNull() || v.path("node").isMissingNode()) {
                continue;
            }
            nodes.add(v.path("nodeName").asText());
            // history's key for a node sample is (node, the kubelet's sample time): a kubelet whose clock was set back
            // reports a time already stored, and history keeps the row it has (idempotent insert), which is stored
            times.add(Timestamp.from(Instant.parse(v.path("node").path("timestamp").asText())));
        }
        List<String> ids = new ArrayList<>();
        for (Topics.Read r : topics.read(Topics.DECISIONS, from, to)) {
            JsonNode v = parse(r);
            if (v != null && !ownRecords.contains(coordinates(r))) {
                ids.add(v.path("id").asText());
            }
        }
        long deadLettered = topics.read(Topics.DEAD_LETTER, from, to).stream()
                .filter(r -> !ownRecords.contains(r.headers().get("dead-letter-topic") + "-"
                        + r.headers().get("dead-letter-partition") + "@" + r.headers().get("dead-letter-offset")))
                .count();
        try (Connection c = pg.connect()) {
            long samplesStored = storedSamples(c, nodes, times);
            long decisionsStored = single(c, "SELECT count(*) FROM history.decisions WHERE id = ANY(?)",
                    c.createArrayOf("text", ids.toArray()));
            long duplicates = duplicates(c, from, to);
            return new Counts(nodes.size(), samplesStored, ids.size(), decisionsStored, duplicates, deadLettered);
        }
    }

    static String coordinates(Topics.Read r) {
        return r.topic() + "-" + r.partition() + "@" + r.offset();
    }

    private static long storedSamples(Connection c, List<String> nodes, List<Timestamp> times) throws SQLException {
        if (nodes.isEmpty()) {
            return 0;
        }
        // microseconds in PostgreSQL, nanoseconds in the event: compare at millisecond precision
        String sql = "SELECT count(*) FROM unnest(?::text[], ?::timestamptz[]) AS t(node, ts) WHERE EXISTS (SELECT 1"
                + " FROM history.node_samples s WHERE s.node = t.node AND date_trunc('milliseconds', s.sample_time)"
                + " = date_trunc('milliseconds', t.ts))";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", nodes.toArray()));
            ps.setArray(2, c.createArrayOf("timestamptz", times.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long duplicates(Connection c, Instant from, Instant to) throws SQLException {
        // decisions are published only when something changed: one equal to the one before it for the same
        // autoscaler (counts, applied, reason and the conditions with their transition times) is the same decision
        // stored again (e.g. re-published after a restart). A repeated failure whose condition transitioned again in
        // between (e.g. failed to get scale, recovered, failed again) is a new decision, not a duplicate.
        String sql = "SELECT count(*) FROM (SELECT decision_time, current_replicas, desired_replicas, applied_replicas,"
                + " reason, lag(ROW(current_replicas, desired_replicas, applied_replicas, reason, conditions)::text)"
                + " OVER w AS prev,"
                + " ROW(current_replicas, desired_replicas, applied_replicas, reason, conditions)::text AS cur"
                + " FROM history.decisions"
                + " WINDOW w AS (PARTITION BY namespace, autoscaler ORDER BY decision_time)) d"
                + " WHERE decision_time >= ? AND decision_time < ? AND prev = cur";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(from));
            ps.setTimestamp(2, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long single(Connection c, String sql, Array arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static JsonNode parse(Topics.Read r) {
        try {
            return r.value() == null ? null : Stack.JSON.readTree(r.value());
        } catch (Exception e) {
            return null;
        }
    }
}
