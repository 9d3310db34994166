package dev.scalebus.history;

import dev.scalebus.events.ContainerSample;
import dev.scalebus.events.NodeScrape;
import dev.scalebus.events.NodeUsage;
import dev.scalebus.events.OwnerReference;
import dev.scalebus.events.PodSample;
import dev.scalebus.events.ScalingDecision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds events with names unique to one test run, so that tests never see each other's (or foreign) rows. */
public final class TestData {

    private TestData() {
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * A scrape of {@code node} at {@code time} with {@code pods} pods of a Deployment "web" (ReplicaSet
     * web-5d8f7c) in {@code namespace}, two containers each; usage grows with {@code seed} so values differ.
     */
    public static NodeScrape scrape(String node, String namespace, Instant time, int pods, long seed) {
        return scrape(node, namespace, time, pods, seed, "web-5d8f7c-");
    }

    /** As above with pod names {@code podPrefix + index}. */
    public static NodeScrape scrape(String node, String namespace, Instant time, int pods, long seed,
            String podPrefix) {
        List<PodSample> podSamples = new ArrayList<>();
        for (int p = 0; p < pods; p++) {
            List<ContainerSample> containers = List.of(
                    container("app", time, 100_000_000L + seed * 1_000_000L + p * 10_000L, 200_000_000L + seed * 1000 + p,
                            250L, 268_435_456L),
                    container("sidecar", time, 5_000_000L + seed * 1000L + p, 20_000_000L + seed + p, 50L, 67_108_864L));
            podSamples.add(new PodSample(namespace, podPrefix + p, UUID.randomUUID().toString(),
                    Map.of("app", "web", "pod-template-hash", "5d8f7c"), new OwnerReference("ReplicaSet", "web-5d8f7c"),
                    "Running", true, time.minusSeconds(3600), time.minusSeconds(3600), false, containers));
        }
        NodeUsage usage = new NodeUsage(time, 15_000L, 1_500_000_000L + seed, 9_000_000_000_000L + seed,
                4_000_000_000L + seed, 5_000_000_000L, 3_000_000_000L, 1_000_000L + seed, 2_000_000L + seed,
                10_000_000_000L, 100_000_000_000L);
        return NodeScrape.of(node, time, 12, NodeScrape.SOURCE_STATS_SUMMARY, usage, podSamples);
    }

    public static ContainerSample container(String name, Instant time, long cpuNanoCores, long memoryBytes,
            long cpuRequestMilliCores, long memoryRequestBytes) {
        return new ContainerSample(name, false, time.minusSeconds(3600), time, 15_000L, cpuNanoCores,
                cpuNanoCores * 3600, memoryBytes, cpuRequestMilliCores, cpuRequestMilliCores * 2, memoryRequestBytes,
                memoryRequestBytes * 2);
    }

    public static ScalingDecision decision(String id, String namespace, String autoscaler, Instant time, int current,
            int desired, Integer applied) {
        var metric = new ScalingDecision.MetricEvaluation("Resource", "cpu", null,
                new ScalingDecision.MetricTarget("Utilization", 60, null, null),
                new ScalingDecision.MetricValue(90, "225m", null), desired, null);
        var conditions = List.of(
                new ScalingDecision.Condition("AbleToScale", "True", "SucceededRescale",
                        "the HPA controller was able to update the target scale to " + desired, time),
                new ScalingDecision.Condition("ScalingActive", "True", "ValidMetricFound",
                        "the HPA was able to successfully calculate a replica count from cpu resource utilization",
                        time));
        return new ScalingDecision(ScalingDecision.SCHEMA_VERSION, id,
                new ScalingDecision.ObjectReference(namespace, autoscaler),
                new ScalingDecision.CrossVersionObjectReference("apps/v1", "Deployment", "web"), time, current,
                desired, applied, "cpu resource utilization (percentage of request) above target", List.of(metric),
                new ScalingDecision.Recommendation(desired, desired, desired), conditions, false);
    }
}
