package dev.scalebus.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;

/**
 * Poison for each topic, made from a real record of the running stack: unparsable JSON, schema-valid but out of
 * range (year 10000, negative usage, 10^6 replicas), far-future (a real node at 2030-01-01 with 3999m CPU) and
 * far-past times, and a record of 2 MiB (over the broker's default message.max.bytes of 1 MiB) sent with a raised
 * max.request.size. Remembers where each landed, to find it again in scalebus.dead-letter.
 */
final class Poison {

    private static final Instant YEAR_10000 = Instant.parse("+10000-01-01T00:00:00Z");
    private static final Instant YEAR_2030 = Instant.parse("2030-01-01T00:00:00Z");
    private static final Instant YEAR_2000 = Instant.parse("2000-01-01T00:00:00Z");

    /** One poison record: where it went (null: refused by the broker) and whether the dead-letter topic must hold it. */
    record Sent(String topic, String label, String coordinates, boolean mustDeadLetter, String refusal) {
    }

    private final Topics topics;
    private final Set<String> own;
    private final List<Sent> sent = new ArrayList<>();
    private final Map<String, String> reasons = new LinkedHashMap<>();
    private Instant publishedFrom;

    Poison(Topics topics, Set<String> own) {
        this.topics = topics;
        this.own = own;
    }

    void publishAll() throws Exception {
        publishedFrom = Instant.now().minusSeconds(1);
        ObjectNode scrape = template(Topics.NODE_SCRAPES, "sim-node-1");
        ObjectNode decision = template(Topics.DECISIONS, null);
        ObjectNode custom = template(Topics.CUSTOM_SAMPLES, null);

        send(Topics.NODE_SCRAPES, "unparsable JSON", "chaos-node", "{\"schemaVersion\":1,\"nodeName\":\"chaos", true);
        send(Topics.NODE_SCRAPES, "scrapeTime year 10000", "chaos-node-y10000",
                times(renamed(scrape, "chaos-node-y10000"), YEAR_10000).toString(), true);
        ObjectNode negative = renamed(scrape, "chaos-node-negative");
        negate(negative.path("node"));
        send(Topics.NODE_SCRAPES, "negative usage", "chaos-node-negative", negative.toString(), true);
        ObjectNode future = times(renamed(scrape, "sim-node-0"), YEAR_2030);
        setNumbers(future.path("node"), "NanoCores", 3_999_000_000L);
        send(Topics.NODE_SCRAPES, "real node sim-node-0 at 2030-01-01, 3999m", "sim-node-0", future.toString(), true);
        send(Topics.NODE_SCRAPES, "far past (2000-01-01)", "chaos-node-past",
                times(renamed(scrape, "chaos-node-past"), YEAR_2000).toString(), false);
        ObjectNode huge = renamed(scrape, "chaos-node-huge");
        huge.put("padding", "x".repeat(2 << 20));
        send(Topics.NODE_SCRAPES, "2 MiB record", "chaos-node-huge", huge.toString(), true);

        send(Topics.DECISIONS, "unparsable JSON", "yuchao/chaos-poison", "{\"schemaVersion\":1,\"id\":", true);
        send(Topics.DECISIONS, "time year 10000", "yuchao/chaos-poison", times(decision(decision), YEAR_10000).toString(), true);
        ObjectNode million = decision(decision);
        million.set("currentReplicas", IntNode.valueOf(1_000_000));
        million.set("desiredReplicas", IntNode.valueOf(1_000_000));
        million.set("appliedReplicas", IntNode.valueOf(1_000_000));
        // legal in autoscaling/v2 (int32 replicas) and stored as it came: an audit keeps what was published
        send(Topics.DECISIONS, "10^6 replicas", "yuchao/chaos-poison", million.toString(), false);
        ObjectNode negativeReplicas = decision(decision);
        negativeReplicas.set("currentReplicas", IntNode.valueOf(-5));
        send(Topics.DECISIONS, "negative replicas", "yuchao/chaos-poison", negativeReplicas.toString(), true);
        send(Topics.DECISIONS, "far past (2000-01-01)", "yuchao/chaos-poison", times(decision(decision), YEAR_2000).toString(), false);
        ObjectNode hugeDecision = decision(decision);
        hugeDecision.put("reason", "x".repeat(2 << 20));
        send(Topics.DECISIONS, "2 MiB record", "yuchao/chaos-poison", hugeDecision.toString(), true);

        // custom samples have no consumer group to dead-letter them: every metrics-api replica reads every partition
        // (as metrics-server holds the whole window), so each refuses and counts them (asserted in FaultInjectionIT)
        // instead of writing each poison record to scalebus.dead-letter once per replica
        send(Topics.CUSTOM_SAMPLES, "unparsable JSON", "shop/chaos", "{\"schemaVersion\":1,\"pod\":", false);
        send(Topics.CUSTOM_SAMPLES, "scrapeTime year 10000", "shop/chaos", times(custom.deepCopy(), YEAR_10000).toString(), false);
        ObjectNode negativeSeries = custom.deepCopy();
        negate(negativeSeries.path("series"));
        send(Topics.CUSTOM_SAMPLES, "negative values", "shop/chaos", negativeSeries.toString(), false);
        send(Topics.CUSTOM_SAMPLES, "far future (2030-01-01)", "shop/chaos", times(custom.deepCopy(), YEAR_2030).toString(), false);
        send(Topics.CUSTOM_SAMPLES, "far past (2000-01-01)", "shop/chaos", times(custom.deepCopy(), YEAR_2000).toString(), false);
        ObjectNode hugeCustom = custom.deepCopy();
        hugeCustom.put("padding", "x".repeat(2 << 20));
        send(Topics.CUSTOM_SAMPLES, "2 MiB record", "shop/chaos", hugeCustom.toString(), false);
    }

    /** Every poison the broker took and that must be dead-lettered is in scalebus.dead-letter, with a reason. */
    void assertDeadLettered(Duration atMost) {
        FaultInjectionIT.eventually("poison in scalebus.dead-letter with a scalebus-dead-letter-reason header", atMost,
                () -> {
                    for (Topics.Read r : topics.read(Topics.DEAD_LETTER, publishedFrom, Instant.now().plusSeconds(60))) {
                        String from = r.headers().get("dead-letter-topic") + "-" + r.headers().get("dead-letter-partition")
                                + "@" + r.headers().get("dead-letter-offset");
                        reasons.put(from, r.headers().getOrDefault("scalebus-dead-letter-reason", ""));
                    }
                    List<String> missing = new ArrayList<>();
                    for (Sent s : sent) {
                        if (s.coordinates() != null && s.mustDeadLetter()
                                && reasons.getOrDefault(s.coordinates(), "").isBlank()) {
                            missing.add(s.topic() + " " + s.label() + " (" + s.coordinates() + ")");
                        }
                    }
                    assertThat(missing).as("poison not dead-lettered with a reason").isEmpty();
                });
    }

    /** A line per poison record for the report: where it went, and the reason it was dead-lettered with. */
    String outcomes() {
        StringBuilder out = new StringBuilder();
        for (Sent s : sent) {
            out.append(out.length() == 0 ? "" : "; ").append(s.topic().replace("scalebus.", "")).append(' ')
                    .append(s.label()).append(": ");
            if (s.coordinates() == null) {
                out.append("refused by the broker (").append(s.refusal()).append(')');
            } else {
                String reason = reasons.get(s.coordinates());
                out.append(reason == null ? "not dead-lettered" : "dead-lettered (" + reason.replace("|", "/") + ")");
            }
        }
        return out.toString();
    }

    private void send(String topic, String label, String key, String value, boolean mustDeadLetter) throws Exception {
        try {
            RecordMetadata m = topics.publish(topic, key, value);
            String coordinates = m.topic() + "-" + m.partition() + "@" + m.offset();
            own.add(coordinates);
            sent.add(new Sent(topic, label, coordinates, mustDeadLetter, null));
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof RecordTooLargeException)) {
                throw e;
            }
            sent.add(new Sent(topic, label, null, false, e.getCause().getClass().getSimpleName()));
        }
    }

    private ObjectNode template(String topic, String key) {
        List<Topics.Read> recent = topics.read(topic, Instant.now().minus(Duration.ofMinutes(3)), Instant.now());
        for (int i = recent.size() - 1; i >= 0; i--) {
            Topics.Read r = recent.get(i);
            if ((key == null || key.equals(r.key())) && !own.contains(Ledger.coordinates(r))) {
                try {
                    return (ObjectNode) Stack.JSON.readTree(r.value());
                } catch (Exception e) {
                    // not a template
                }
            }
        }
        throw new AssertionError("no record on " + topic + (key == null ? "" : " with key " + key) + " to poison");
    }

    private static ObjectNode renamed(ObjectNode scrape, String node) {
        ObjectNode copy = scrape.deepCopy();
        copy.put("nodeName", node);
        copy.put("scrapeTime", Instant.now().toString());
        return copy;
    }

    private static ObjectNode decision(ObjectNode template) {
        ObjectNode copy = template.deepCopy();
        copy.put("id", "chaos-" + UUID.randomUUID());
        ((ObjectNode) copy.path("autoscaler")).put("name", "chaos-poison");
        copy.put("time", Instant.now().toString());
        return copy;
    }

    /** Every time in the record (fields named *Time, time, timestamp) set to {@code at}. */
    private static ObjectNode times(ObjectNode record, Instant at) {
        walk(record, at);
        return record;
    }

    private static void walk(JsonNode node, Instant at) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            List<String> replace = new ArrayList<>();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (f.getValue().isTextual() && isTime(f.getKey(), f.getValue().asText())) {
                    replace.add(f.getKey());
                } else {
                    walk(f.getValue(), at);
                }
            }
            replace.forEach(k -> ((ObjectNode) node).set(k, TextNode.valueOf(at.toString())));
        } else if (node.isArray()) {
            node.forEach(n -> walk(n, at));
        }
    }

    private static boolean isTime(String name, String value) {
        if (!(name.endsWith("Time") || name.equals("time") || name.equals("timestamp")) || name.equals("startTime")) {
            return false;
        }
        try {
            Instant.parse(value);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static void negate(JsonNode node) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            List<Map.Entry<String, JsonNode>> numbers = new ArrayList<>();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (f.getValue().isNumber() && f.getValue().asDouble() > 0) {
                    numbers.add(f);
                } else {
                    negate(f.getValue());
                }
            }
            numbers.forEach(f -> {
                if (f.getValue().isIntegralNumber()) {
                    ((ObjectNode) node).put(f.getKey(), -Math.abs(f.getValue().asLong()));
                } else {
                    ((ObjectNode) node).put(f.getKey(), -Math.abs(f.getValue().asDouble()));
                }
            });
        } else if (node.isArray()) {
            node.forEach(Poison::negate);
        }
    }

    private static void setNumbers(JsonNode node, String nameContains, long value) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            List<String> names = new ArrayList<>();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (f.getValue().isNumber() && f.getKey().contains(nameContains)) {
                    names.add(f.getKey());
                } else {
                    setNumbers(f.getValue(), nameContains, value);
                }
            }
            names.forEach(n -> ((ObjectNode) node).put(n, value));
        }
    }
}
