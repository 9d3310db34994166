package dev.scalebus.collector.scrape;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the kubelet Summary API ({@code /stats/summary}, stats/v1alpha1) as metrics-server before v0.6 did,
 * plus the extra node fields (memory usage/RSS, network, root filesystem) and the kubelet's own CPU rate
 * ({@code usageNanoCores}). Unknown fields are ignored; a wrong type or a missing pod reference fails the whole
 * body with the JSON path named.
 */
public final class SummaryDecoder {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private SummaryDecoder() {
    }

    public static KubeletSnapshot decode(byte[] body) throws ScrapeException {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ScrapeException.malformed("Summary JSON is not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw ScrapeException.malformed("Summary JSON could not be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw ScrapeException.malformed("Summary JSON: the root is not an object");
        }
        JsonNode node = object(root, "node", "node");
        if (node == null) {
            throw ScrapeException.malformed("Summary JSON: 'node' is missing");
        }
        List<PodPoint> pods = new ArrayList<>();
        JsonNode podArray = root.get("pods");
        if (podArray != null && !podArray.isNull()) {
            if (!podArray.isArray()) {
                throw ScrapeException.malformed("Summary JSON: 'pods' is not an array");
            }
            for (int i = 0; i < podArray.size(); i++) {
                pods.add(pod(podArray.get(i), "pods[" + i + "]"));
            }
        }
        return new KubeletSnapshot(node(node), pods);
    }

    private static NodePoint node(JsonNode node) throws ScrapeException {
        JsonNode cpu = object(node, "cpu", "node.cpu");
        JsonNode memory = object(node, "memory", "node.memory");
        JsonNode network = object(node, "network", "node.network");
        JsonNode fs = object(node, "fs", "node.fs");
        Instant timestamp = firstTime(node, "node", cpu, memory);
        Long rx = null;
        Long tx = null;
        if (network != null) {
            JsonNode interfaces = network.get("interfaces");
            if (interfaces != null && interfaces.isArray() && interfaces.size() > 0) {
                rx = 0L;
                tx = 0L;
                for (int i = 0; i < interfaces.size(); i++) {
                    String path = "node.network.interfaces[" + i + "]";
                    rx += orZero(number(interfaces.get(i), "rxBytes", path));
                    tx += orZero(number(interfaces.get(i), "txBytes", path));
                }
            } else {
                rx = number(network, "rxBytes", "node.network");
                tx = number(network, "txBytes", "node.network");
            }
        }
        return new NodePoint(timestamp,
                number(cpu, "usageCoreNanoSeconds", "node.cpu"), number(cpu, "usageNanoCores", "node.cpu"),
                number(memory, "workingSetBytes", "node.memory"), number(memory, "usageBytes", "node.memory"),
                number(memory, "rssBytes", "node.memory"), rx, tx,
                number(fs, "usedBytes", "node.fs"), number(fs, "capacityBytes", "node.fs"));
    }

    private static PodPoint pod(JsonNode pod, String path) throws ScrapeException {
        if (pod == null || !pod.isObject()) {
            throw ScrapeException.malformed("Summary JSON: " + path + " is not an object");
        }
        JsonNode ref = object(pod, "podRef", path + ".podRef");
        String name = ref == null ? null : text(ref, "name", path + ".podRef");
        String namespace = ref == null ? null : text(ref, "namespace", path + ".podRef");
        if (name == null || namespace == null) {
            throw ScrapeException.malformed("Summary JSON: " + path + ".podRef needs a name and a namespace");
        }
        List<ContainerPoint> containers = new ArrayList<>();
        JsonNode array = pod.get("containers");
        if (array != null && !array.isNull()) {
            if (!array.isArray()) {
                throw ScrapeException.malformed("Summary JSON: " + path + ".containers is not an array");
            }
            for (int i = 0; i < array.size(); i++) {
                containers.add(container(array.get(i), path + ".containers[" + i + "]"));
            }
        }
        return new PodPoint(namespace, name, text(ref, "uid", path + ".podRef"), time(pod, "startTime", path),
                containers);
    }

    private static ContainerPoint container(JsonNode container, String path) throws ScrapeException {
        if (container == null || !container.isObject()) {
            throw ScrapeException.malformed("Summary JSON: " + path + " is not an object");
        }
        String name = text(container, "name", path);
        if (name == null || name.isEmpty()) {
            throw ScrapeException.malformed("Summary JSON: " + path + ".name is missing");
        }
        JsonNode cpu = object(container, "cpu", path + ".cpu");
        JsonNode memory = object(container, "memory", path + ".memory");
        return new ContainerPoint(name, time(container, "startTime", path), firstTime(container, path, cpu, memory),
                positiveOrNull(number(cpu, "usageCoreNanoSeconds", path + ".cpu")),
                number(cpu, "usageNanoCores", path + ".cpu"),
                positiveOrNull(number(memory, "workingSetBytes", path + ".memory")));
    }

    /** The measurement time: the CPU stat's time, else the memory stat's. */
    private static Instant firstTime(JsonNode owner, String path, JsonNode cpu, JsonNode memory)
            throws ScrapeException {
        Instant cpuTime = cpu == null ? null : time(cpu, "time", path + ".cpu");
        return cpuTime != null ? cpuTime : memory == null ? null : time(memory, "time", path + ".memory");
    }

    private static JsonNode object(JsonNode parent, String field, String path) throws ScrapeException {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw ScrapeException.malformed("Summary JSON: " + path + " is not an object");
        }
        return value;
    }

    private static Long number(JsonNode parent, String field, String path) throws ScrapeException {
        JsonNode value = parent == null ? null : parent.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0) {
            throw ScrapeException.malformed("Summary JSON: " + path + "." + field + " is not a non-negative integer: "
                    + value);
        }
        return value.asLong();
    }

    private static String text(JsonNode parent, String field, String path) throws ScrapeException {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ScrapeException.malformed("Summary JSON: " + path + "." + field + " is not a string");
        }
        return value.asText();
    }

    private static Instant time(JsonNode parent, String field, String path) throws ScrapeException {
        String value = text(parent, field, path);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ScrapeException.malformed("Summary JSON: " + path + "." + field + " is not an RFC 3339 time: "
                    + value);
        }
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private static Long positiveOrNull(Long value) {
        return value == null || value == 0 ? null : value;
    }
}
