package dev.scalebus.collector.publish;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One publisher's buffer and loss metrics under {@code <prefix>.publish.*}: {@code buffer.size} (records) and
 * {@code buffer.bytes} gauges, and {@code dropped} / {@code dropped.bytes} counters tagged with the reason
 * ({@link PublishFailures}), so every record that never reached the broker is accounted for, by why.
 */
public final class PublishMetrics {

    private final MeterRegistry registry;
    private final String prefix;
    private final String what;
    private final Map<String, Counter> droppedRecords = new ConcurrentHashMap<>();
    private final Map<String, Counter> droppedBytes = new ConcurrentHashMap<>();

    /**
     * @param prefix meter name prefix, e.g. {@code scalebus.collector}
     * @param what   the event type, for the descriptions
     */
    public PublishMetrics(MeterRegistry registry, String prefix, String what) {
        this.registry = registry;
        this.prefix = prefix;
        this.what = what;
        for (String reason : new String[] {PublishFailures.BUFFER_FULL, PublishFailures.RECORD_TOO_LARGE,
                PublishFailures.SHUTDOWN}) {
            counter(droppedRecords, reason, ".publish.dropped", " records that never reached the broker, by reason");
            counter(droppedBytes, reason, ".publish.dropped.bytes", " bytes (key + value) that never reached the"
                    + " broker, by reason");
        }
    }

    /** Registers the buffer's gauges. */
    public void watch(PublishBuffer<?> buffer) {
        Gauge.builder(prefix + ".publish.buffer.size", buffer, PublishBuffer::size)
                .description(what + " records waiting for the broker").register(registry);
        Gauge.builder(prefix + ".publish.buffer.bytes", buffer, PublishBuffer::bytes)
                .description(what + " bytes (key + value) waiting for the broker").register(registry);
    }

    public void dropped(String reason, int records, long bytes) {
        if (records > 0) {
            counter(droppedRecords, reason, ".publish.dropped", " records that never reached the broker, by reason")
                    .increment(records);
            counter(droppedBytes, reason, ".publish.dropped.bytes", " bytes (key + value) that never reached the"
                    + " broker, by reason").increment(bytes);
        }
    }

    /** Records dropped for {@code reason} so far. */
    public double dropped(String reason) {
        Counter counter = droppedRecords.get(reason);
        return counter == null ? 0 : counter.count();
    }

    /** Bytes dropped for {@code reason} so far. */
    public double droppedBytes(String reason) {
        Counter counter = droppedBytes.get(reason);
        return counter == null ? 0 : counter.count();
    }

    private Counter counter(Map<String, Counter> counters, String reason, String suffix, String description) {
        return counters.computeIfAbsent(reason, r -> Counter.builder(prefix + suffix).description(what + description)
                .tag("reason", r).register(registry));
    }
}
