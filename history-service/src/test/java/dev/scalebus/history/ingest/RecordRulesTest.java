package dev.scalebus.history.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebus.events.ContainerSample;
import dev.scalebus.events.NodeScrape;
import dev.scalebus.events.PodSample;
import dev.scalebus.events.ScalingDecision;
import dev.scalebus.history.TestData;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordRulesTest {

    static final Instant NOW = Instant.parse("2026-12-06T02:00:00Z");
    final RecordRules rules = new RecordRules(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(5));

    @Test
    void aNormalScrapeAndDecisionPass() {
        assertThat(rules.problem(TestData.scrape("n", "ns", NOW, 3, 1))).isEmpty();
        assertThat(rules.problem(TestData.decision("id", "ns", "web", NOW, 2, 4, 4))).isEmpty();
    }

    @Test
    void timesUpToTheSkewPassAndLaterOnesNameTheField() {
        assertThat(rules.problem(TestData.scrape("n", "ns", NOW.plusSeconds(300), 1, 1))).isEmpty();
        assertThat(rules.problem(TestData.scrape("n", "ns", NOW.plusSeconds(301), 1, 1)))
                .hasValueSatisfying(p -> assertThat(p).startsWith("scrapeTime: ").contains("future-skew"));
        Instant farFuture = Instant.parse("+10000-01-01T00:00:00Z");
        assertThat(rules.problem(TestData.scrape("n", "ns", farFuture, 1, 1))).isPresent();
        // old times pass: the writer skips samples past raw retention
        assertThat(rules.problem(TestData.scrape("n", "ns", NOW.minus(Duration.ofDays(400)), 1, 1))).isEmpty();
        NodeScrape s = TestData.scrape("n", "ns", NOW, 1, 1);
        PodSample p = s.pods().get(0);
        ContainerSample late = TestData.container("late", NOW.plusSeconds(3600), 1, 1, 1, 1);
        assertThat(rules.problem(withContainers(s, p, List.of(p.containers().get(0), late))))
                .hasValueSatisfying(r -> assertThat(r).startsWith("pods[0].containers[1].timestamp: "));
        assertThat(rules.problem(TestData.decision("id", "ns", "web", NOW.plusSeconds(301), 2, 4, 4)))
                .hasValueSatisfying(r -> assertThat(r).startsWith("time: "));
    }

    @Test
    void negativeUsageRequestsAndReplicasAreRefused() {
        NodeScrape s = TestData.scrape("n", "ns", NOW, 1, 1);
        PodSample p = s.pods().get(0);
        assertThat(rules.problem(withContainers(s, p, List.of(TestData.container("c", NOW, -1, 1, 1, 1)))))
                .hasValue("pods[0].containers[0].cpuNanoCores: negative (-1)");
        assertThat(rules.problem(withContainers(s, p, List.of(TestData.container("c", NOW, 1, 1, 1, -5)))))
                .hasValue("pods[0].containers[0].memoryRequestBytes: negative (-5)");
        assertThat(rules.problem(TestData.decision("id", "ns", "web", NOW, -1, 4, 4)))
                .hasValue("currentReplicas: negative (-1)");
        assertThat(rules.problem(TestData.decision("id", "ns", "web", NOW, 1, 4, -2)))
                .hasValue("appliedReplicas: negative (-2)");
    }

    @Test
    void sizesAreBounded() {
        NodeScrape s = TestData.scrape("n", "ns", NOW, 1, 1);
        PodSample p = s.pods().get(0);
        List<PodSample> many = Collections.nCopies(RecordRules.MAX_PODS + 1, p);
        assertThat(rules.problem(NodeScrape.of("n", NOW, 1, null, null, many)))
                .hasValue("pods: 5001 pods, more than 5000");
        assertThat(rules.problem(NodeScrape.of("n", NOW, 1, null, null, Collections.nCopies(RecordRules.MAX_PODS, p))))
                .isEmpty();
        List<ContainerSample> containers = new ArrayList<>(Collections.nCopies(RecordRules.MAX_CONTAINERS_PER_POD + 1,
                p.containers().get(0)));
        assertThat(rules.problem(withContainers(s, p, containers)))
                .hasValue("pods[0].containers: 101 containers, more than 100");
        String longName = "x".repeat(254);
        assertThat(rules.problem(TestData.scrape(longName, "ns", NOW, 1, 1)))
                .hasValue("nodeName: longer than 253 characters");
        assertThat(rules.problem(TestData.scrape("n", longName, NOW, 1, 1)))
                .hasValue("pods[0].namespace: longer than 253 characters");
        assertThat(rules.problem(TestData.scrape("n", "x".repeat(253), NOW, 1, 1))).isEmpty();
    }

    private static NodeScrape withContainers(NodeScrape s, PodSample p, List<ContainerSample> containers) {
        PodSample changed = new PodSample(p.namespace(), p.name(), p.uid(), p.labels(), p.owner(), p.phase(),
                p.ready(), p.readyTransitionTime(), p.startTime(), p.deleting(), containers);
        return NodeScrape.of(s.nodeName(), s.scrapeTime(), 1, s.source(), s.node(), List.of(changed));
    }
}
