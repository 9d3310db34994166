package dev.scalebus.simulator.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.scalebus.simulator.workload.LoadProfile.Point;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadProfileTest {

    @Test
    void stepHoldsEachRateUntilTheNextPoint() {
        LoadProfile step = new LoadProfile.Step(List.of(new Point(60, 500), new Point(0, 1), new Point(360, 0.5)));
        assertThat(step.requestsPerSecond(-5)).isEqualTo(1);
        assertThat(step.requestsPerSecond(59.9)).isEqualTo(1);
        assertThat(step.requestsPerSecond(60)).isEqualTo(500);
        assertThat(step.requestsPerSecond(1000)).isEqualTo(0.5);
    }

    @Test
    void rampInterpolatesBetweenItsEnds() {
        LoadProfile ramp = new LoadProfile.Ramp(10, 110, 100, 50);
        assertThat(ramp.requestsPerSecond(0)).isEqualTo(10);
        assertThat(ramp.requestsPerSecond(125)).isCloseTo(60, within(1e-9));
        assertThat(ramp.requestsPerSecond(500)).isEqualTo(110);
    }

    @Test
    void sineOscillatesAroundItsBaseAndNeverGoesNegative() {
        LoadProfile sine = new LoadProfile.Sine(10, 20, 100);
        assertThat(sine.requestsPerSecond(25)).isCloseTo(30, within(1e-9));
        assertThat(sine.requestsPerSecond(75)).isZero();
        assertThat(sine.requestsPerSecond(50)).isCloseTo(10, within(1e-9));
    }

    @Test
    void spikeOnlyDuringItsWindow() {
        LoadProfile spike = new LoadProfile.Spike(2, 900, 30, 10);
        assertThat(spike.requestsPerSecond(29)).isEqualTo(2);
        assertThat(spike.requestsPerSecond(30)).isEqualTo(900);
        assertThat(spike.requestsPerSecond(40)).isEqualTo(2);
    }

    @Test
    void csvReplayInterpolatesAndLoops() {
        LoadProfile.Replay replay = LoadProfile.Replay.fromCsv("seconds,rps\n# comment\n0,0\n10,100\n20,0\n", true);
        assertThat(replay.requestsPerSecond(5)).isCloseTo(50, within(1e-9));
        assertThat(replay.requestsPerSecond(15)).isCloseTo(50, within(1e-9));
        assertThat(replay.requestsPerSecond(25)).isCloseTo(50, within(1e-9));
        assertThat(LoadProfile.Replay.fromCsv("0,3\n10,7", false).requestsPerSecond(99)).isEqualTo(7);
    }

    @Test
    void badInputNamesTheProblem() {
        assertThatThrownBy(() -> LoadProfile.Replay.fromCsv("0,1\n5,x", false)).hasMessageContaining("line 2");
        assertThatThrownBy(() -> new LoadProfile.Constant(-1)).hasMessageContaining("rps");
        assertThatThrownBy(() -> new LoadProfile.Step(List.of())).hasMessageContaining("at least one point");
        assertThatThrownBy(() -> new LoadProfile.Sine(1, 1, 0)).hasMessageContaining("periodSeconds");
    }
}
