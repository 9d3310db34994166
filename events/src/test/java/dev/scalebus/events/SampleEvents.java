package dev.scalebus.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Fully populated events for serde tests: every field set, so a field lost on the way shows. */
public final class SampleEvents {

    private SampleEvents() {
    }

    public static NodeScrape nodeScrape(String nodeName) {
        Instant t = Instant.parse("2026-11-22T10:15:30.123Z");
        ContainerSample web = new ContainerSample("eladmin-web", false, Instant.parse("2026-11-22T09:00:00Z"), t,
                15_012L, 1_938_555L, 4_710_169_000L, 1_029_873_664L, 50L, 500L, 209_715_200L, 419_430_400L);
        ContainerSample proxy = new ContainerSample("istio-proxy", true, Instant.parse("2026-11-22T09:00:01Z"), t,
                15_012L, 2_000_000L, 120_000_000L, 52_428_800L, 10L, null, 67_108_864L, null);
        PodSample pod = new PodSample("yuchao", "eladmin-web-7458474b64-c57nc", "6f1c7a9e-5d0b-4a43-9d55-0f5e2e0d1a11",
                Map.of("app", "eladmin-web", "pod-template-hash", "7458474b64"),
                new OwnerReference("ReplicaSet", "eladmin-web-7458474b64"), "Running", true,
                Instant.parse("2026-11-22T09:00:12Z"), Instant.parse("2026-11-22T08:59:58Z"), false, List.of(web, proxy));
        NodeUsage usage = new NodeUsage(t, 15_000L, 329_087_452L, 357_354_910_000L, 2_814_136_320L, 4_000_000_000L,
                1_500_000_000L, 123_456_789L, 98_765_432L, 10_000_000_000L, 100_000_000_000L);
        return NodeScrape.of(nodeName, Instant.parse("2026-11-22T10:15:30Z"), 37, NodeScrape.SOURCE_STATS_SUMMARY,
                usage, List.of(pod));
    }

    public static CustomMetricSamples customMetricSamples(String pod) {
        return CustomMetricSamples.of("shop", pod, "sim-node-1", Instant.parse("2026-11-22T10:00:00.250Z"), 12,
                List.of(new CustomMetricSamples.SeriesSample("http_requests_total", "counter",
                                Map.of("method", "GET", "code", "200"), 1027.0, null),
                        new CustomMetricSamples.SeriesSample("queue_messages_cnt", "gauge", Map.of(), 42.5,
                                1795347600123L)));
    }

    public static ScalingDecision scalingDecision(String autoscalerName) {
        Instant t = Instant.parse("2026-11-22T10:16:00Z");
        ScalingDecision.MetricEvaluation cpu = new ScalingDecision.MetricEvaluation("Resource", "cpu", null,
                new ScalingDecision.MetricTarget("Utilization", 80, null, null),
                new ScalingDecision.MetricValue(230, "115m", null), 3, null);
        ScalingDecision.MetricEvaluation memory = new ScalingDecision.MetricEvaluation("Resource", "memory", null,
                new ScalingDecision.MetricTarget("Utilization", 80, null, null), null, null,
                "unable to get metrics for resource memory: no metrics returned from resource metrics API");
        return new ScalingDecision(ScalingDecision.SCHEMA_VERSION, "0b7e6a0e-2f53-4f0c-9d0b-8f7c1d9c8a11",
                new ScalingDecision.ObjectReference("yuchao", autoscalerName),
                new ScalingDecision.CrossVersionObjectReference("apps/v1", "Deployment", "eladmin-web"), t, 1, 3, 3,
                "cpu resource utilization (percentage of request) above target", List.of(cpu, memory),
                new ScalingDecision.Recommendation(5, 5, 3),
                List.of(new ScalingDecision.Condition("AbleToScale", "True", "SucceededRescale",
                                "the HPA controller was able to update the target scale to 3", t),
                        new ScalingDecision.Condition("ScalingLimited", "True", "TooManyReplicas",
                                "the desired replica count is more than the maximum replica count", t)),
                false);
    }
}
