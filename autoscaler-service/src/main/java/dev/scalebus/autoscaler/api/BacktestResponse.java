package dev.scalebus.autoscaler.api;

import dev.scalebus.autoscaler.backtest.Timeline;
import java.time.Instant;

/**
 * The answer of a backtest: the load model it assumed, the range and workload, and the candidate's and the actual
 * timelines with their summaries.
 */
public record BacktestResponse(String loadModel, Range range, BacktestRequest.Target target, Timeline candidate,
        Timeline actual) {

    public record Range(Instant from, Instant to) {
    }
}
