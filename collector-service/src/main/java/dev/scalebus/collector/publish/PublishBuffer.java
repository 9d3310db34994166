package dev.scalebus.collector.publish;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded queue between scraping and the broker. {@link #offer} never blocks: when the queue is full the
 * OLDEST entry is dropped (fresh metrics matter more than old ones) and counted. A send that failed goes back to
 * the head with {@link #requeue}, so an outage shorter than the bound loses nothing.
 */
public final class PublishBuffer<T> {

    private final int capacity;
    private final Deque<T> queue = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
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
            int evicted = evictFor(1);
            queue.addLast(item);
            notEmpty.signal();
            return evicted;
        } finally {
            lock.unlock();
        }
    }

    /** Puts an entry whose send failed back at the head; if full, it is the one dropped (it is the oldest). */
    public int requeue(T item) {
        lock.lock();
        try {
            if (queue.size() >= capacity) {
                dropped++;
                return 1;
            }
            queue.addFirst(item);
            notEmpty.signal();
            return 0;
        } finally {
            lock.unlock();
        }
    }

    /** The oldest entry, waiting up to {@code timeout}; null if none arrived. */
    public T poll(long timeout, TimeUnit unit) throws InterruptedException {
        lock.lock();
        try {
            long nanos = unit.toNanos(timeout);
            while (queue.isEmpty()) {
                if (nanos <= 0) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            return queue.pollFirst();
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

    private int evictFor(int incoming) {
        int evicted = 0;
        while (queue.size() + incoming > capacity) {
            queue.pollFirst();
            dropped++;
            evicted++;
        }
        return evicted;
    }
}
