package dev.scalebus.collector.publish;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded queue between scraping and the broker, bounded in BYTES (what each record will weigh on the wire, key
 * + value): memory is what the bound protects, and one 110-pod node weighs a hundred times a 1-pod one, so an event
 * count says nothing about it. {@link #offer} never blocks: when the bytes exceed the bound the OLDEST entries are
 * dropped (fresh metrics matter more than old ones) and counted. Every entry keeps the sequence number it got when
 * offered; a send that failed goes back with {@link #requeue} to its original place, so an outage shorter than the
 * bound loses nothing and the send order stays the offer order.
 */
public final class PublishBuffer<T> {

    /** An entry with its place in the offer order, its weight and how many sends of it failed so far. */
    public record Queued<T>(long sequence, T item, long bytes, int failures) {

        Queued<T> failedOnce() {
            return new Queued<>(sequence, item, bytes, failures + 1);
        }
    }

    /** How many records and bytes one operation removed; {@link #NONE} when nothing was. */
    public record Removed(int records, long bytes) {
        public static final Removed NONE = new Removed(0, 0);

        Removed plus(long entryBytes) {
            return new Removed(records + 1, bytes + entryBytes);
        }
    }

    private final long capacityBytes;
    private final TreeMap<Long, Queued<T>> queue = new TreeMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private long nextSequence;
    private long bytes;
    private long droppedRecords;
    private long droppedBytes;

    public PublishBuffer(long capacityBytes) {
        if (capacityBytes < 1) {
            throw new IllegalArgumentException("capacity must be at least 1 byte, got " + capacityBytes);
        }
        this.capacityBytes = capacityBytes;
    }

    /**
     * Appends an item weighing {@code itemBytes}; returns the oldest entries dropped to stay within the bound (an
     * item heavier than the whole bound ends up dropping itself).
     */
    public Removed offer(T item, long itemBytes) {
        lock.lock();
        try {
            return add(new Queued<>(nextSequence++, item, itemBytes, 0));
        } finally {
            lock.unlock();
        }
    }

    /** Puts an entry whose send failed back in its place; if the buffer is then over the bound the oldest go. */
    public Removed requeue(Queued<T> entry) {
        lock.lock();
        try {
            return add(entry);
        } finally {
            lock.unlock();
        }
    }

    /** The oldest entry, waiting up to {@code timeout}; null if none arrived. */
    public Queued<T> poll(long timeout, TimeUnit unit) throws InterruptedException {
        lock.lock();
        try {
            long nanos = unit.toNanos(timeout);
            while (queue.isEmpty()) {
                if (nanos <= 0) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            Map.Entry<Long, Queued<T>> first = queue.pollFirstEntry();
            bytes -= first.getValue().bytes();
            return first.getValue();
        } finally {
            lock.unlock();
        }
    }

    /** Empties the buffer (at shutdown) and says what was in it; not counted as dropped here. */
    public Removed clear() {
        lock.lock();
        try {
            Removed removed = new Removed(queue.size(), bytes);
            queue.clear();
            bytes = 0;
            return removed;
        } finally {
            lock.unlock();
        }
    }

    /** Records waiting. */
    public int size() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Bytes waiting (sum of the records' weights). */
    public long bytes() {
        lock.lock();
        try {
            return bytes;
        } finally {
            lock.unlock();
        }
    }

    /** Records dropped from the full buffer since creation. */
    public long dropped() {
        lock.lock();
        try {
            return droppedRecords;
        } finally {
            lock.unlock();
        }
    }

    /** Bytes dropped from the full buffer since creation. */
    public long droppedBytes() {
        lock.lock();
        try {
            return droppedBytes;
        } finally {
            lock.unlock();
        }
    }

    private Removed add(Queued<T> entry) {
        queue.put(entry.sequence(), entry);
        bytes += entry.bytes();
        notEmpty.signal();
        Removed evicted = Removed.NONE;
        while (bytes > capacityBytes) {
            Queued<T> oldest = queue.pollFirstEntry().getValue();
            bytes -= oldest.bytes();
            evicted = evicted.plus(oldest.bytes());
        }
        droppedRecords += evicted.records();
        droppedBytes += evicted.bytes();
        return evicted;
    }
}
