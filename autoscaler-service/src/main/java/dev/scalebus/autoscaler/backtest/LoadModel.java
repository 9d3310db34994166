package dev.scalebus.autoscaler.backtest;

import dev.scalebus.autoscaler.hpa.MetricReads;
import dev.scalebus.autoscaler.hpa.PodGroups;
import dev.scalebus.autoscaler.hpa.PodInfo;
import dev.scalebus.events.Quantity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the candidate's controller would see at one recorded scrape: its pods and their resource metrics. When the
 * candidate runs as many replicas as were recorded, the recorded pods as they are; otherwise the recorded total
 * usage is spread evenly over the candidate's ready pods (see {@link #DESCRIPTION}).
 */
public final class LoadModel {

    /** The load model, as the answer and the README state it. */
    public static final String DESCRIPTION = "When the candidate runs as many replicas as were recorded (pods not "
            + "Failed/Succeeded), the recorded pods are used as they are, so backtesting the policy that ran "
            + "reproduces it. Otherwise the recorded total usage per resource (cpu nanocores, memory bytes) of the "
            + "recorded ready pods is conserved and spread evenly over the candidate's ready pods; pods added by a "
            + "candidate scale-up are Pending (not ready: no usage, as upstream treats unready pods) until "
            + "initialReadinessDelay has passed; requests per pod are the recorded pods' average requests. "
            + "Usage is assumed independent of the replica count beyond that: non-linear services and queueing "
            + "are not modelled.";

    /** The window a recorded sample is taken to cover (the collector's default scrape interval). */
    static final Duration SAMPLE_WINDOW = Duration.ofSeconds(15);
    static final String CONTAINER = "main";

    /** A candidate pod: bornAt null for the pods there from the start. */
    public record CandidatePod(String name, Instant bornAt) {
    }

    /**
     * @param pods        the pods the controller lists
     * @param read        the metrics.k8s.io answer
     * @param utilization per resource (cpu, memory): usage over requests of the pods serving load, percent; absent
     *                    when no pod served load or no requests were recorded
     * @param averageUsage per resource: the usage per pod serving load (cpu in cores, memory in bytes)
     */
    public record View(List<PodInfo> pods, MetricReads.ResourceRead read, Map<String, Double> utilization,
            Map<String, Double> averageUsage) {
    }

    private LoadModel() {
    }

    static View of(Scrape scrape, Lifecycles lifecycles, List<CandidatePod> candidate,
            Duration initialReadinessDelay) {
        return candidate.size() == scrape.liveCount() ? recorded(scrape, lifecycles) : spread(scrape, candidate,
                initialReadinessDelay);
    }

    /** The recorded pods as they are: what the controller that ran saw. */
    static View recorded(Scrape scrape, Lifecycles lifecycles) {
        List<PodInfo> pods = new ArrayList<>();
        List<MetricReads.PodUsage> usage = new ArrayList<>();
        double cpu = 0;
        double memory = 0;
        double cpuRequests = 0;
        double memoryRequests = 0;
        int serving = 0;
        for (RecordedPod p : scrape.pods()) {
            if (!p.live()) {
                continue;
            }
            Lifecycles.Lifecycle life = lifecycles.of(p.pod());
            pods.add(new PodInfo(p.pod(), p.phase() == null ? "Running" : p.phase(),
                    p.ready() == null ? Boolean.FALSE : p.ready(), life.readySince(), life.start(), false,
                    null, List.of(container(p.cpuRequestMilliCores(), p.memoryRequestBytes()))));
            if (p.cpuNanoCores() != null || p.memoryBytes() != null) {
                usage.add(usage(p.pod(), p.time(), p.cpuNanoCores(), p.memoryBytes()));
            }
            if (p.readyWithUsage()) {
                serving++;
                cpu += p.cpuNanoCores() / 1e9;
                memory += p.memoryBytes() == null ? 0 : p.memoryBytes();
                cpuRequests += p.cpuRequestMilliCores() == null ? 0 : p.cpuRequestMilliCores() / 1e3;
                memoryRequests += p.memoryRequestBytes() == null ? 0 : p.memoryRequestBytes();
            }
        }
        return view(pods, usage, cpu, cpuRequests, memory, memoryRequests, serving);
    }

    /** The recorded totals spread evenly over the candidate's ready pods. */
    static View spread(Scrape scrape, List<CandidatePod> candidate, Duration initialReadinessDelay) {
        long cpuTotal = 0;
        long memoryTotal = 0;
        int recordedServing = 0;
        long cpuRequestSum = 0;
        long memoryRequestSum = 0;
        int withRequests = 0;
        for (RecordedPod p : scrape.pods()) {
            if (p.readyWithUsage()) {
                recordedServing++;
                cpuTotal += p.cpuNanoCores();
                memoryTotal += p.memoryBytes() == null ? 0 : p.memoryBytes();
            }
            if (p.live() && (p.cpuRequestMilliCores() != null || p.memoryRequestBytes() != null)) {
                withRequests++;
                cpuRequestSum += p.cpuRequestMilliCores() == null ? 0 : p.cpuRequestMilliCores();
                memoryRequestSum += p.memoryRequestBytes() == null ? 0 : p.memoryRequestBytes();
            }
        }
        Long cpuRequest = withRequests == 0 ? null : cpuRequestSum / withRequests;
        Long memoryRequest = withRequests == 0 ? null : memoryRequestSum / withRequests;
        Instant now = scrape.time();
        List<CandidatePod> ready = candidate.stream()
                .filter(c -> c.bornAt() == null || !now.isBefore(c.bornAt().plus(initialReadinessDelay))).toList();
        List<PodInfo> pods = new ArrayList<>();
        List<MetricReads.PodUsage> usage = new ArrayList<>();
        for (CandidatePod c : candidate) {
            PodInfo.ContainerInfo requests = container(cpuRequest, memoryRequest);
            if (!ready.contains(c)) {
                pods.add(new PodInfo(c.name(), "Pending", Boolean.FALSE, c.bornAt(), c.bornAt(), false, null,
                        List.of(requests)));
                continue;
            }
            Instant start = c.bornAt() == null ? PodGroups.ZERO_TIME : c.bornAt();
            Instant readySince = c.bornAt() == null ? PodGroups.ZERO_TIME : c.bornAt().plus(initialReadinessDelay);
            pods.add(new PodInfo(c.name(), "Running", Boolean.TRUE, readySince, start, false, null,
                    List.of(requests)));
            if (recordedServing > 0) { // nothing recorded serving: the metrics are missing, as they were
                usage.add(usage(c.name(), now, cpuTotal / ready.size(), memoryTotal / ready.size()));
            }
        }
        int serving = recordedServing > 0 ? ready.size() : 0;
        double[] reqs = {cpuRequest == null ? 0 : cpuRequest / 1e3, memoryRequest == null ? 0 : memoryRequest};
        return view(pods, usage, cpuTotal / 1e9, reqs[0] * serving, memoryTotal, reqs[1] * serving, serving);
    }

    private static View view(List<PodInfo> pods, List<MetricReads.PodUsage> usage, double cpu, double cpuRequests,
            double memory, double memoryRequests, int serving) {
        Map<String, Double> utilization = new HashMap<>();
        Map<String, Double> average = new HashMap<>();
        if (serving > 0) {
            average.put("cpu", cpu / serving);
            average.put("memory", memory / serving);
            if (cpuRequests > 0) {
                utilization.put("cpu", 100 * cpu / cpuRequests);
            }
            if (memoryRequests > 0) {
                utilization.put("memory", 100 * memory / memoryRequests);
            }
        }
        return new View(pods, new MetricReads.ResourceRead(usage, null), utilization, average);
    }

    private static PodInfo.ContainerInfo container(Long cpuRequestMilliCores, Long memoryRequestBytes) {
        Map<String, Quantity> requests = new HashMap<>();
        if (cpuRequestMilliCores != null) {
            requests.put("cpu", Quantity.ofMilliCores(cpuRequestMilliCores));
        }
        if (memoryRequestBytes != null) {
            requests.put("memory", Quantity.ofBytes(memoryRequestBytes));
        }
        return new PodInfo.ContainerInfo(CONTAINER, false, false, requests);
    }

    private static MetricReads.PodUsage usage(String pod, Instant time, Long cpuNanoCores, Long memoryBytes) {
        Map<String, Quantity> u = new HashMap<>();
        if (cpuNanoCores != null) {
            u.put("cpu", Quantity.ofNanoCores(cpuNanoCores));
        }
        if (memoryBytes != null) {
            u.put("memory", Quantity.ofBytes(memoryBytes));
        }
        return new MetricReads.PodUsage(pod, time, SAMPLE_WINDOW, List.of(new MetricReads.ContainerUsage(CONTAINER, u)));
    }
}
