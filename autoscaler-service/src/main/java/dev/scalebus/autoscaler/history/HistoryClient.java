package dev.scalebus.autoscaler.history;

import dev.scalebus.autoscaler.backtest.RecordedPod;
import dev.scalebus.autoscaler.backtest.Timeline;
import java.time.Instant;
import java.util.List;

/** Reads what history-service recorded. Failures are {@link HistoryException}s. */
public interface HistoryClient {

    /**
     * The raw pod samples of the workload over [from, to), every page, in (time, pod) order.
     *
     * @param maxRows more rows than this is a {@link HistoryException.Kind#TOO_MANY} (reading stops there)
     * @param deadline past it (checked between pages) a {@link HistoryException.Kind#TOO_SLOW}
     */
    List<RecordedPod> samples(WorkloadRef workload, Instant from, Instant to, int maxRows, Instant deadline);

    /** The stored decisions of the autoscalers that targeted the workload over [from, to), in time order. */
    List<Timeline.Point> decisions(WorkloadRef workload, Instant from, Instant to, Instant deadline);
}
