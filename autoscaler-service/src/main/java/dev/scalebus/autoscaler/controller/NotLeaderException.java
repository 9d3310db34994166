package dev.scalebus.autoscaler.controller;

import dev.scalebus.autoscaler.hpa.Evaluation;
import java.util.function.BooleanSupplier;

/** Leadership was lost between the start of an evaluation and its scale write: nothing is written. */
final class NotLeaderException extends RuntimeException {

    NotLeaderException() {
        super("not leading", null, false, false);
    }

    /**
     * The scale write, preceded by a leadership check. Leadership may move during an evaluation (metrics reads take
     * up to seconds), so it is checked right before the write, not only when the trigger started: a replica that lost
     * the lease never scales. The exception also abandons the status write and the decision.
     */
    static Evaluation.ScaleUpdater guarded(BooleanSupplier leading, Evaluation.ScaleUpdater write) {
        return replicas -> {
            if (!leading.getAsBoolean()) {
                throw new NotLeaderException();
            }
            return write.update(replicas);
        };
    }
}
