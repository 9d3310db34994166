package dev.scalebus.autoscaler.auth;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * A small expiring cache on an injected clock, bounded: past {@link #MAX_ENTRIES} the expired entries go, and if
 * that is not enough all of them (a flood of distinct keys must not grow the heap). Two callers missing the same
 * key at once may both load it; the reviews are idempotent, so that only costs a request.
 */
final class TtlCache<K, V> {

    static final int MAX_ENTRIES = 10_000;

    private record Entry<V>(V value, long expiresMillis) {
    }

    private final Clock clock;
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();

    TtlCache(Clock clock) {
        this.clock = clock;
    }

    /** The cached value of {@code key}, else {@code load}'s, kept for {@code ttlMillis(value)} milliseconds. */
    V get(K key, Function<K, V> load, ToLongFunction<V> ttlMillis) {
        long now = clock.millis();
        Entry<V> cached = entries.get(key);
        if (cached != null && cached.expiresMillis() > now) {
            return cached.value();
        }
        V value = load.apply(key);
        long ttl = ttlMillis.applyAsLong(value);
        if (ttl > 0) {
            if (entries.size() >= MAX_ENTRIES) {
                entries.values().removeIf(e -> e.expiresMillis() <= now);
                if (entries.size() >= MAX_ENTRIES) {
                    entries.clear();
                }
            }
            entries.put(key, new Entry<>(value, now + ttl));
        }
        return value;
    }

    int size() {
        return entries.size();
    }
}
