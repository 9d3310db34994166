package dev.scalebus.metricsapi.lag;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Consumer-group lag per topic, computed as KEDA's Kafka scaler does (pkg/scalers/kafka_scaler.go
 * {@code getLagForPartition}, summed per topic as {@code getTotalLag}): per partition, latest offset − committed
 * offset; a partition without a committed offset counts by the offset reset policy the consumers use —
 * {@code latest}: 1 (KEDA's default, so a group that never committed is not scaled to zero) or 0 with
 * {@code scaleToZeroOnInvalidOffset}; {@code earliest}: the partition's latest offset (everything in it), or 0 with
 * {@code scaleToZeroOnInvalidOffset}. A negative difference (a commit racing the log-end read) counts 0.
 *
 * <p>Answers are cached per (group, topic) for {@code ttl}, so HPA controllers polling every 15 s through several
 * replicas do not each reach the broker.
 */
public final class ConsumerGroupLag {

    /** The consumers' {@code auto.offset.reset}, KEDA's {@code offsetResetPolicy}. */
    public enum ResetPolicy { LATEST, EARLIEST;

        public static ResetPolicy parse(String text) {
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("offset reset policy '" + text + "' is neither latest nor earliest");
            }
        }
    }

    private final LagSource source;
    private final Clock clock;
    private final long ttlMillis;
    private final ResetPolicy policy;
    private final boolean scaleToZeroOnInvalidOffset;
    private final Map<Key, Cached> cache = new ConcurrentHashMap<>();

    private record Key(String group, String topic) {
    }

    private record Cached(Map<String, Long> lag, long expiresMillis) {
    }

    public ConsumerGroupLag(LagSource source, Clock clock, Duration ttl, ResetPolicy policy,
            boolean scaleToZeroOnInvalidOffset) {
        this.source = source;
        this.clock = clock;
        this.ttlMillis = ttl.toMillis();
        this.policy = policy;
        this.scaleToZeroOnInvalidOffset = scaleToZeroOnInvalidOffset;
    }

    /**
     * Lag per topic of the group, sorted by topic: only {@code topic} when given, else every topic the group has
     * committed offsets for.
     *
     * @throws LagUnavailableException when the broker cannot be asked and nothing fresh is cached
     */
    public Map<String, Long> lag(String group, String topic) {
        Key key = new Key(group, topic);
        long now = clock.millis();
        Cached cached = cache.get(key);
        if (cached != null && cached.expiresMillis() > now) {
            return cached.lag();
        }
        Map<String, Long> lag = compute(source.offsets(group, topic));
        if (cache.size() > 10_000) {
            cache.clear();
        }
        cache.put(key, new Cached(lag, now + ttlMillis));
        return lag;
    }

    /** The arithmetic alone: lag per topic from the offsets. */
    public Map<String, Long> compute(GroupOffsets offsets) {
        Map<String, Long> perTopic = new TreeMap<>();
        offsets.latest().forEach((partition, latest) -> {
            Long committed = offsets.committed().get(partition);
            perTopic.merge(partition.topic(), partitionLag(committed, latest), Long::sum);
        });
        return java.util.Collections.unmodifiableMap(perTopic);
    }

    private long partitionLag(Long committed, long latest) {
        if (committed == null || committed < 0) {
            if (scaleToZeroOnInvalidOffset) {
                return 0;
            }
            return policy == ResetPolicy.LATEST ? 1 : latest;
        }
        return Math.max(0, latest - committed);
    }
}
