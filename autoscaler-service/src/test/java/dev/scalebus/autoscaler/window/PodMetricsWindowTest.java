package dev.scalebus.autoscaler.window;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalebus.autoscaler.hpa.Evaluation;
import dev.scalebus.autoscaler.hpa.Evaluator;
import dev.scalebus.autoscaler.hpa.HpaSpec;
import dev.scalebus.autoscaler.hpa.MetricReads;
import dev.scalebus.autoscaler.hpa.MetricSpec;
import dev.scalebus.autoscaler.hpa.PodInfo;
import dev.scalebus.autoscaler.hpa.ScaleView;
import dev.scalebus.events.ContainerSample;
import dev.scalebus.events.NodeScrape;
import dev.scalebus.events.PodSample;
import dev.scalebus.events.Quantity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodMetricsWindowTest {

    static final Instant T0 = Instant.parse("2026-11-22T01:00:00Z");

    static NodeScrape scrape(Instant at, Long cpuNanoCores) {
        ContainerSample c = new ContainerSample("web", false, T0.minusSeconds(3600), at, 15_000L, cpuNanoCores, null,
                64L * 1024 * 1024, 100L, null, null, null);
        PodSample p = new PodSample("ns", "web-0", null, Map.of("app", "web"), null, "Running", true, T0.minusSeconds(
                3000), T0.minusSeconds(3600), false, List.of(c));
        return NodeScrape.of("node-a", at, 3, NodeScrape.SOURCE_METRICS_RESOURCE, null, List.of(p));
    }

    static Evaluation.Result evaluate(MetricReads.ResourceRead read, Instant now) {
        HpaSpec spec = new HpaSpec(new HpaSpec.TargetRef("apps/v1", "Deployment", "web"), 1, 5,
                List.of(MetricSpec.resource("cpu", MetricSpec.MetricTarget.utilization(50))), null);
        PodInfo pod = new PodInfo("web-0", "Running", true, T0.minusSeconds(3000), T0.minusSeconds(3600), false,
                Map.of("app", "web"), List.of(new PodInfo.ContainerInfo("web", false, false,
                        Map.of("cpu", Quantity.parse("100m")))));
        return Evaluator.evaluate(new Evaluation.Input(spec, null, null, new ScaleView(1, 1, "app=web"), null,
                List.of(pod), new MetricReads(read, null, null, null), null, null, now), r -> null);
    }

    @Test
    void freshSampleIsServedWithNanocoresAsMillicores() {
        PodMetricsWindow w = new PodMetricsWindow(Clock.fixed(T0, ZoneOffset.UTC), Duration.ofMinutes(2));
        assertThat(w.accept(scrape(T0, 150_000_000L))).containsExactly("ns");
        MetricReads.ResourceRead read = w.read("ns");
        assertThat(read.pods()).singleElement().satisfies(p -> {
            assertThat(p.window()).isEqualTo(Duration.ofSeconds(15));
            assertThat(p.containers().get(0).usage().get("cpu").milliValue()).isEqualTo(150);
        });
        Evaluation.Result r = evaluate(read, T0);
        assertThat(r.desiredReplicas()).isEqualTo(3); // 150% of request / 50% target
        assertThat(w.read("other-ns").pods()).isEmpty();
    }

    @Test
    void readBySelectorServesOnlySelectedPods() {
        PodMetricsWindow w = new PodMetricsWindow(Clock.fixed(T0, ZoneOffset.UTC), Duration.ofMinutes(2));
        w.accept(scrape(T0, 150_000_000L));
        assertThat(w.read("ns", dev.scalebus.autoscaler.hpa.LabelSelectors.parse("app=web")).pods()).hasSize(1);
        assertThat(w.read("ns", dev.scalebus.autoscaler.hpa.LabelSelectors.parse("app=db")).pods()).isEmpty();
    }

    @Test
    void staleMetricsMakeScalingInactiveNeverAScale() {
        Instant later = T0.plus(Duration.ofMinutes(3));
        PodMetricsWindow w = new PodMetricsWindow(Clock.fixed(later, ZoneOffset.UTC), Duration.ofMinutes(2));
        w.accept(scrape(T0, 150_000_000L));
        Evaluation.Result r = evaluate(w.read("ns"), later);
        assertThat(r.scaled()).isFalse();
        assertThat(r.condition("ScalingActive").status()).isEqualTo("False");
        assertThat(r.condition("ScalingActive").reason()).isEqualTo("FailedGetResourceMetric");
    }

    @Test
    void containerWithoutCpuRateYetLeavesThePodMissing() {
        PodMetricsWindow w = new PodMetricsWindow(Clock.fixed(T0, ZoneOffset.UTC), Duration.ofMinutes(2));
        w.accept(scrape(T0, null));
        Evaluation.Result r = evaluate(w.read("ns"), T0);
        // the only pod has no cpu sample: upstream's metrics client drops it, nothing is left to compute from
        assertThat(r.condition("ScalingActive").reason()).isEqualTo("FailedGetResourceMetric");
        assertThat(r.metrics().get(0).error()).contains("did not receive metrics for targeted pods");
    }
}
