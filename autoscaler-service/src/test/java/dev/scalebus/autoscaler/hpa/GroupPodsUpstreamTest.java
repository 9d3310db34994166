package dev.scalebus.autoscaler.hpa;

import static dev.scalebus.autoscaler.hpa.HpaCase.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Port of upstream TestGroupPods (test periods: CPU initialization 2 min, readiness delay 10 s). */
class GroupPodsUpstreamTest {

    static PodInfo pod(String name, String phase, Boolean ready, Instant transition, Instant start) {
        return new PodInfo(name, phase, ready, transition, start, false, Map.of(), List.of());
    }

    static PodGroups.PodMetric sample(Instant ts, Duration window) {
        return new PodGroups.PodMetric(1, ts, window);
    }

    static Instant ago(Duration d) {
        return NOW.minus(d);
    }

    static Stream<Arguments> groupPods() {
        Duration m1 = Duration.ofMinutes(1);
        return Stream.of(
                Arguments.of("void", List.of(), Map.of(), "cpu", 0, Set.of(), Set.of()),
                Arguments.of("count in a ready pod - memory", List.of(pod("bentham", "Succeeded", null, null, null)),
                        Map.of("bentham", sample(NOW, m1)), "memory", 1, Set.of(), Set.of()),
                Arguments.of("unready a pod without ready condition - CPU",
                        List.of(pod("lucretius", "Succeeded", null, null, NOW)), Map.of("lucretius", sample(null, null)),
                        "cpu", 0, Set.of("lucretius"), Set.of()),
                Arguments.of("count in a ready pod with fresh metrics during initialization period - CPU",
                        List.of(pod("bentham", "Succeeded", true, ago(Duration.ofSeconds(30)), ago(m1))),
                        Map.of("bentham", sample(NOW, Duration.ofSeconds(30))), "cpu", 1, Set.of(), Set.of()),
                Arguments.of("unready a ready pod without fresh metrics during initialization period - CPU",
                        List.of(pod("bentham", "Succeeded", true, ago(Duration.ofSeconds(30)), ago(m1))),
                        Map.of("bentham", sample(NOW, Duration.ofSeconds(60))), "cpu", 0, Set.of("bentham"), Set.of()),
                Arguments.of("unready an unready pod during initialization period - CPU",
                        List.of(pod("lucretius", "Succeeded", false, ago(Duration.ofSeconds(9 * 60 + 54)),
                                ago(Duration.ofMinutes(10)))),
                        Map.of("lucretius", sample(null, null)), "cpu", 0, Set.of("lucretius"), Set.of()),
                Arguments.of("count in a ready pod without fresh metrics after initialization period - CPU",
                        List.of(pod("bentham", "Succeeded", true, ago(Duration.ofMinutes(3)), ago(Duration.ofMinutes(3)))),
                        Map.of("bentham", sample(ago(Duration.ofMinutes(2)), m1)), "cpu", 1, Set.of(), Set.of()),
                Arguments.of("count in an unready pod that was ready after initialization period - CPU",
                        List.of(pod("lucretius", "Succeeded", false, ago(Duration.ofMinutes(9)),
                                ago(Duration.ofMinutes(10)))),
                        Map.of("lucretius", sample(null, null)), "cpu", 1, Set.of(), Set.of()),
                Arguments.of("unready pod that has never been ready after initialization period - CPU",
                        List.of(pod("lucretius", "Succeeded", false, ago(Duration.ofSeconds(9 * 60 + 50)),
                                ago(Duration.ofMinutes(10)))),
                        Map.of("lucretius", sample(null, null)), "cpu", 1, Set.of(), Set.of()),
                Arguments.of("a missing pod", List.of(pod("epicurus", "Succeeded", null, null, ago(Duration.ofMinutes(3)))),
                        Map.of(), "cpu", 0, Set.of(), Set.of("epicurus")),
                Arguments.of("several pods", List.of(pod("lucretius", "Succeeded", null, null, NOW),
                                pod("niccolo", "Succeeded", true, ago(Duration.ofMinutes(3)), ago(Duration.ofMinutes(3))),
                                pod("epicurus", "Succeeded", null, null, ago(Duration.ofMinutes(3)))),
                        Map.of("lucretius", sample(null, null), "niccolo", sample(null, null)), "cpu", 1,
                        Set.of("lucretius"), Set.of("epicurus")),
                Arguments.of("pending pods are unready", List.of(pod("unscheduled", "Pending", null, null, null)),
                        Map.of(), "cpu", 0, Set.of("unscheduled"), Set.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void groupPods(String name, List<PodInfo> pods, Map<String, PodGroups.PodMetric> metrics, String resource,
            int ready, Set<String> unready, Set<String> missing) {
        PodGroups g = PodGroups.of(pods, metrics, resource, Duration.ofMinutes(2), Duration.ofSeconds(10), NOW);
        assertThat(g.readyPodCount()).isEqualTo(ready);
        assertThat(g.unready()).isEqualTo(unready);
        assertThat(g.missing()).isEqualTo(missing);
    }

    @org.junit.jupiter.api.Test // newer groupPods: deleting and Failed pods are ignored, not unready
    void deletingAndFailedPodsAreIgnored() {
        PodInfo deleting = new PodInfo("d", "Running", true, null, NOW, true, Map.of(), List.of());
        PodInfo failed = pod("f", "Failed", false, null, NOW);
        PodGroups g = PodGroups.of(List.of(deleting, failed), Map.of("d", sample(NOW, null)), "cpu",
                Duration.ofMinutes(2), Duration.ofSeconds(10), NOW);
        assertThat(g.ignored()).containsExactlyInAnyOrder("d", "f");
        assertThat(g.unready()).isEmpty();
    }
}
