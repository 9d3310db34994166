package dev.scalebus.autoscaler.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalebus.autoscaler.hpa.Evaluation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The scale write asks for leadership at the moment of the write, not when the evaluation started. */
class NotLeaderExceptionTest {

    @Test
    void leadershipLostAfterTheEvaluationStartedStopsTheWrite() {
        AtomicBoolean leading = new AtomicBoolean(true);
        List<Integer> written = new ArrayList<>();
        Evaluation.ScaleUpdater updater = NotLeaderException.guarded(leading::get, r -> {
            written.add(r);
            return null;
        });

        assertThat(updater.update(3)).isNull();
        leading.set(false); // the lease moved while the next evaluation read its metrics
        assertThatThrownBy(() -> updater.update(4)).isInstanceOf(NotLeaderException.class);
        assertThat(written).containsExactly(3);
    }
}
