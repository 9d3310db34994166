package dev.scalebus.collector.publish;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded queue between scraping and the broker. {@link #offer} never blocks: when the queue is full the
 * OLDEST entry is dropped (fresh metrics matter more than old ones) and counted. Every entry carries the sequence
 * number it got when offered; a send that failed goes back with {@link #requeue} to its original place, so an
 * outage shorter than the bound loses nothing and the send order stays the offer order.
 */
public final class PublishBuffer<T> {

    /** An entry with its place in the offer order. */
    public record Queued<T>(long sequence, T item) {
    }

    private final int capacity;
    private final TreeMap<Long, T> queue = new TreeMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private long nextSequence;
    private long dropped;

    public PublishBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** Appends; returns how many oldest entries were dropped to make room (0 or 1). */
    public int offer(T item) {
        lock.lock();
        try {
            queue.put(nextSequence++, item);
            notEmpty.signal();
            return evictOverflow();
        } finally {
            lock.unlock();
        }
    }

    /** Puts an entry whose send failed back in its place; if the buffer is then over the bound the oldest goes. */
    public int requeue(Queued<T> entry) {
        lock.lock();
        try {
            queue.put(entry.sequence(), entry.item());
            notEmpty.signal();
            return evictOverflow();
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
            Map.Entry<Long, T> first = queue.pollFirstEntry();
            return new Queued<>(first.getKey(), first.getValue());
        } finally {
            lock.unlock();
        }
    }

    public int size() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Entries dropped since creation. */
    public long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    private int evictOverflow() {
        int evicted = 0;
        while (queue.size() > capacity) {
            queue.pollFirstEntry();
            dropped++;
            evicted++;
        }
        return evicted;
    }
}
