package dev.scalebus.autoscaler.controller;

import dev.scalebus.events.EventJson;
import dev.scalebus.events.ScalingDecision;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * Decisions on their way to the broker, in order, each kept until the broker acknowledged it: a broker hiccup delays
 * a decision, never loses it. One record is in flight at a time (decisions are rare; this keeps the per-autoscaler
 * order and never overflows the channel's buffer). Bounded in bytes: when full, the oldest waiting decision is
 * dropped and counted. A record the broker will never take (too large, not serializable) is dropped and counted
 * alone, so it cannot block the others; any other failure is retried by {@link #flush()}, which the owner calls
 * periodically. Plain Java: the sender is given.
 */
public final class DecisionOutbox {

    private static final Logger LOG = Logger.getLogger(DecisionOutbox.class);

    /** Sends one decision; the stage completes when the broker acknowledged it. */
    public interface Sender {
        CompletionStage<Void> send(String key, ScalingDecision decision);
    }

    private record Entry(ScalingDecision decision, int bytes) {
    }

    private final Sender sender;
    private final long maxBytes;
    private final Predicate<Throwable> permanent;
    private final Deque<Entry> queue = new ArrayDeque<>();
    private long bytes;
    private Entry inFlight;
    private long dropped;
    private long published;

    /**
     * @param maxBytes  most bytes (serialized JSON) waiting at once
     * @param permanent which send failures will never succeed on a retry
     */
    public DecisionOutbox(Sender sender, long maxBytes, Predicate<Throwable> permanent) {
        this.sender = sender;
        this.maxBytes = maxBytes;
        this.permanent = permanent;
    }

    /** Queues a decision and sends it as soon as those before it are acknowledged. */
    public void submit(ScalingDecision d) {
        synchronized (this) {
            Entry e = new Entry(d, EventJson.toBytes(d).length);
            while (bytes + e.bytes() > maxBytes && queue.size() > (inFlight == null ? 0 : 1)) {
                // the head may be in flight: the oldest one not yet handed to the broker goes
                Entry old = inFlight == null ? queue.removeFirst() : removeSecond();
                bytes -= old.bytes();
                drop(old, "decision buffer full (" + maxBytes + " bytes)");
            }
            queue.addLast(e);
            bytes += e.bytes();
        }
        flush();
    }

    private Entry removeSecond() {
        Entry head = queue.removeFirst();
        Entry second = queue.removeFirst();
        queue.addFirst(head);
        return second;
    }

    /** Sends the oldest waiting decision unless one is in flight. */
    public void flush() {
        Entry e;
        synchronized (this) {
            if (inFlight != null || queue.isEmpty()) {
                return;
            }
            e = queue.peekFirst();
            inFlight = e;
        }
        CompletionStage<Void> sent;
        try {
            sent = sender.send(e.decision().key(), e.decision());
        } catch (RuntimeException ex) {
            sent = CompletableFuture.failedFuture(ex);
        }
        sent.whenComplete((v, t) -> done(e, t));
    }

    private void done(Entry e, Throwable t) {
        Throwable cause = t instanceof java.util.concurrent.CompletionException && t.getCause() != null
                ? t.getCause() : t;
        synchronized (this) {
            inFlight = null;
            if (cause != null && !permanent.test(cause)) {
                LOG.debugf("decision %s not acknowledged, retried: %s", e.decision().id(), cause.toString());
                return; // stays at the head: the next flush retries it
            }
            queue.remove(e);
            bytes -= e.bytes();
            if (cause == null) {
                published++;
            } else {
                drop(e, cause.toString());
            }
        }
        flush();
    }

    private void drop(Entry e, String why) {
        dropped++;
        LOG.infof("decision %s of autoscaler %s dropped, never published: %s", e.decision().id(), e.decision().key(),
                why);
    }

    /** Decisions waiting or in flight. */
    public synchronized int pending() {
        return queue.size();
    }

    /** Decisions dropped since start (buffer full, or refused for good by the broker). */
    public synchronized long dropped() {
        return dropped;
    }

    /** Decisions acknowledged by the broker since start. */
    public synchronized long published() {
        return published;
    }
}
