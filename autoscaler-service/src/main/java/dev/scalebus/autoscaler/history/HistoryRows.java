package dev.scalebus.autoscaler.history;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scalebus.autoscaler.backtest.Timeline;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** history-service's JSON rows to the backtest's records. */
final class HistoryRows {

    private HistoryRows() {
    }

    /** An RFC 3339 time as history writes it (UTC "Z" or an offset, any fraction of a second). */
    static Instant time(JsonNode r, String field) {
        return OffsetDateTime.parse(r.path(field).asText()).toInstant();
    }

    static String text(JsonNode r, String field) {
        JsonNode v = r.path(field);
        return v.isNull() || v.isMissingNode() ? null : v.asText();
    }

    static Long number(JsonNode r, String field) {
        JsonNode v = r.path(field);
        return v.isNumber() ? Long.valueOf(Math.round(v.asDouble())) : null;
    }

    static Integer integer(JsonNode r, String field) {
        JsonNode v = r.path(field);
        return v.isNumber() ? Integer.valueOf(v.asInt()) : null;
    }

    /** A stored ScalingDecision as a timeline point; its metrics against the autoscaler's own targets. */
    static Timeline.Point decision(JsonNode d) {
        List<Timeline.Metric> metrics = new ArrayList<>();
        for (JsonNode m : d.path("metrics")) {
            Integer utilization = integer(m.path("current"), "averageUtilization");
            Integer target = integer(m.path("target"), "averageUtilization");
            metrics.add(new Timeline.Metric(m.path("name").asText(), utilization, target,
                    text(m.path("current"), "averageValue"), text(m.path("target"), "averageValue"),
                    utilization != null && target != null && utilization > target));
        }
        List<String> reasons = new ArrayList<>();
        d.path("conditions").forEach(c -> reasons.add(c.path("reason").asText()));
        return new Timeline.Point(time(d, "time"), d.path("currentReplicas").asInt(),
                d.path("desiredReplicas").asInt(), integer(d, "appliedReplicas"), metrics, reasons,
                text(d, "reason"));
    }
}
