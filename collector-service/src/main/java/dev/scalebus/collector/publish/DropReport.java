package dev.scalebus.collector.publish;

import dev.scalebus.collector.scrape.OnceLog;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Counts and logs the records one publisher loses: a permanently refused record with one INFO line per key and
 * reason (until that key publishes again; DEBUG after), the oldest dropped from a full buffer with one INFO line per
 * overflow streak (until the next ack), and what shutdown leaves behind in one INFO line.
 */
final class DropReport {

    private static final Logger LOG = Logger.getLogger(BufferedPublisher.class);

    private final String topic;
    private final PublishMetrics metrics;
    private final OnceLog refusedLog = new OnceLog();
    private volatile boolean overflowing;

    DropReport(String topic, PublishMetrics metrics) {
        this.topic = topic;
        this.metrics = metrics;
    }

    /** The broker acknowledged a record of {@code key}: the next refusal or overflow is news again. */
    void acked(String key) {
        refusedLog.recovered(key);
        overflowing = false;
    }

    void refused(String key, String reason, long bytes, Throwable failure) {
        metrics.dropped(reason, 1, bytes);
        if (refusedLog.first(key, reason)) {
            LOG.infof("dropped the %s record of %s (%d bytes), it can never be sent: %s (%s)", topic, key, bytes,
                    reason, failure.getMessage());
        } else {
            LOG.debugf("dropped the %s record of %s (%d bytes) again: %s", topic, key, bytes, reason);
        }
    }

    void overflowed(PublishBuffer.Removed dropped, long droppedSoFar) {
        if (dropped.records() == 0) {
            return;
        }
        metrics.dropped(PublishFailures.BUFFER_FULL, dropped.records(), dropped.bytes());
        if (!overflowing) {
            overflowing = true;
            LOG.infof("%s publish buffer over its bound: dropping the oldest records (%d dropped so far)", topic,
                    droppedSoFar);
        } else {
            LOG.debugf("%s publish buffer full: dropped %d more oldest records", topic, dropped.records());
        }
    }

    void shutdown(PublishBuffer.Removed left, int unacknowledged, Duration flushDeadline) {
        metrics.dropped(PublishFailures.SHUTDOWN, left.records(), left.bytes());
        if (left.records() > 0 || unacknowledged > 0) {
            LOG.infof("shutting down: %d %s records (%d bytes) left unsent after the %s flush deadline, %d more sent"
                    + " but not yet acknowledged", left.records(), topic, left.bytes(), flushDeadline, unacknowledged);
        } else {
            LOG.debugf("shutting down: every %s record was acknowledged", topic);
        }
    }

    /** A record published after shutdown: counted, not queued. */
    void afterShutdown(long bytes) {
        metrics.dropped(PublishFailures.SHUTDOWN, 1, bytes);
    }
}
