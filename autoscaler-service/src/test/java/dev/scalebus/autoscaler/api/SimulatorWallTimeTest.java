package dev.scalebus.autoscaler.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The wall-time cap: checked between steps on the injected clock. */
class SimulatorWallTimeTest {

    /** Each read of the clock is one second later than the one before. */
    static final class SteppingClock extends Clock {
        Instant now = Instant.parse("2026-12-06T04:00:00Z");
        int reads;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            reads++;
            now = now.plusSeconds(1);
            return now;
        }
    }

    static SimulateRequest request(int steps) {
        return Mappers.read(SimulateCapsTest.withSteps(steps, "{}"), "application/json", SimulateRequest.class);
    }

    @Test
    void aSimulationPastTheWallTimeLimitStopsWith503NamingTheLimit() {
        SteppingClock clock = new SteppingClock();
        assertThatThrownBy(() -> Simulator.run(request(10), clock.now, clock, Duration.ofSeconds(2)))
                .isInstanceOfSatisfying(BadInputException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.field()).isEqualTo("steps");
                    assertThat(e.getMessage()).contains("wall-time limit of 2000 ms"
                            + " (scalebus.autoscaler.simulate.max-wall-time) after 2 of 10 steps");
                });
        assertThat(clock.reads).isEqualTo(4); // the start, then one check per step: stopped at the third step
    }

    @Test
    void aSimulationWithinTheLimitRunsEveryStep() {
        SteppingClock clock = new SteppingClock();
        SimulateResponse r = Simulator.run(request(3), clock.now, clock, Duration.ofSeconds(10));
        assertThat(r.steps()).hasSize(3);
    }
}
