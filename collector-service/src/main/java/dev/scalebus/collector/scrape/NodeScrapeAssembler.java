package dev.scalebus.collector.scrape;

import dev.scalebus.collector.kube.PodInfo;
import dev.scalebus.collector.rate.CpuRate;
import dev.scalebus.collector.rate.CumulativePoint;
import dev.scalebus.collector.rate.RateCalculator;
import dev.scalebus.collector.rate.RateTracker;
import dev.scalebus.collector.rate.RateTracker.ContainerKey;
import dev.scalebus.events.ContainerSample;
import dev.scalebus.events.NodeScrape;
import dev.scalebus.events.NodeUsage;
import dev.scalebus.events.PodSample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Turns one decoded kubelet answer into the {@link NodeScrape} event: rates from the {@link RateTracker}, pod
 * metadata and container resources from the API server. Where metrics-server drops a whole pod (a container without
 * a sample, a sidecar, a restarted container) this reports the pod with what is known and nulls for the rest.
 */
public final class NodeScrapeAssembler {

    private static final Logger LOG = Logger.getLogger(NodeScrapeAssembler.class);

    private final RateTracker rates;
    private final PodLookup pods;
    private final OnceLog onceLog;

    public NodeScrapeAssembler(RateTracker rates, PodLookup pods, OnceLog onceLog) {
        this.rates = rates;
        this.pods = pods;
        this.onceLog = onceLog;
    }

    public NodeScrape assemble(String nodeName, String source, Instant requestTime, long durationMillis,
            KubeletSnapshot snapshot) {
        RateTracker.Observation observation = rates.observe(nodeName);
        NodeUsage node = node(snapshot.node(), requestTime, observation);
        List<PodSample> samples = new ArrayList<>(snapshot.pods().size());
        for (PodPoint pod : snapshot.pods()) {
            PodSample sample = pod(nodeName, pod, observation);
            if (sample != null) {
                samples.add(sample);
            }
        }
        observation.finish();
        return NodeScrape.of(nodeName, requestTime, durationMillis, source, node, samples);
    }

    private static NodeUsage node(NodePoint point, Instant requestTime, RateTracker.Observation observation) {
        if (point == null) {
            return null;
        }
        Instant timestamp = point.timestamp() == null ? requestTime : point.timestamp();
        CpuRate rate = point.cpuUsageCoreNanoSeconds() == null
                ? kubeletRate(point.cpuNanoCores())
                : observation.node(new CumulativePoint(null, timestamp, point.cpuUsageCoreNanoSeconds(),
                        point.cpuNanoCores())).rate();
        return new NodeUsage(timestamp, rate == null ? null : rate.windowMillis(),
                rate == null ? null : rate.cpuNanoCores(), point.cpuUsageCoreNanoSeconds(),
                point.memoryWorkingSetBytes(), point.memoryUsageBytes(), point.memoryRssBytes(),
                point.networkRxBytes(), point.networkTxBytes(), point.fsUsedBytes(), point.fsCapacityBytes());
    }

    private PodSample pod(String nodeName, PodPoint pod, RateTracker.Observation observation) {
        String subject = nodeName + "/" + pod.namespace() + "/" + pod.name();
        Optional<PodInfo> info = pods.find(nodeName, pod.namespace(), pod.name());
        Map<String, PodInfo.ContainerSpec> specs = new LinkedHashMap<>();
        info.ifPresent(i -> i.containers().forEach(c -> specs.put(c.name(), c)));
        Map<String, ContainerSample> byName = new LinkedHashMap<>();
        for (ContainerPoint point : pod.containers()) {
            if (info.isPresent() && !specs.containsKey(point.name())) {
                // a finished (non-restartable) init container or a container of an older pod incarnation
                LOG.debugf("node %s pod %s/%s: container %s is not in the pod spec, left out", nodeName,
                        pod.namespace(), pod.name(), point.name());
                continue;
            }
            byName.put(point.name(), container(point, specs.get(point.name()),
                    new ContainerKey(pod.namespace(), pod.name(), point.name()), observation, subject));
        }
        List<ContainerSample> containers = new ArrayList<>();
        if (info.isPresent()) {
            for (PodInfo.ContainerSpec spec : specs.values()) {
                ContainerSample measured = byName.get(spec.name());
                if (measured == null && onceLog.first(subject + "/" + spec.name(), "no-sample")) {
                    LOG.infof("node %s pod %s/%s: container %s has no sample from the kubelet; reported without usage"
                            + " (logged once)", nodeName, pod.namespace(), pod.name(), spec.name());
                }
                containers.add(measured != null ? measured : unmeasured(spec));
            }
        } else {
            containers.addAll(byName.values());
            if (onceLog.first(subject, "unknown-pod")) {
                LOG.debugf("node %s pod %s/%s is not (yet) known to the API server: reported without metadata",
                        nodeName, pod.namespace(), pod.name());
            }
        }
        if (containers.isEmpty()) {
            if (onceLog.first(subject, "no-containers")) {
                LOG.infof("node %s pod %s/%s skipped: the kubelet reported no containers and the API server does not"
                        + " know the pod (logged once)", nodeName, pod.namespace(), pod.name());
            }
            return null;
        }
        PodInfo meta = info.orElse(null);
        return new PodSample(pod.namespace(), pod.name(), meta != null ? meta.uid() : pod.uid(),
                meta != null ? meta.labels() : Map.of(), meta != null ? meta.owner() : null,
                meta != null ? meta.phase() : null, meta != null ? meta.ready() : null,
                meta != null ? meta.readyTransitionTime() : null,
                meta != null && meta.startTime() != null ? meta.startTime() : pod.startTime(),
                meta != null && meta.deleting(), containers);
    }

    private ContainerSample container(ContainerPoint point, PodInfo.ContainerSpec spec, ContainerKey key,
            RateTracker.Observation observation, String subject) {
        CpuRate rate;
        if (point.cpuUsageCoreNanoSeconds() != null && point.timestamp() != null) {
            RateCalculator.Outcome outcome = observation.container(key, new CumulativePoint(point.startTime(),
                    point.timestamp(), point.cpuUsageCoreNanoSeconds(), point.cpuNanoCores()));
            rate = outcome.rate();
            if (outcome.gap() == RateCalculator.Gap.RESTARTED
                    || outcome.gap() == RateCalculator.Gap.COUNTER_DECREASED) {
                LOG.debugf("%s/%s: %s, no CPU rate until the next point", subject, key.container(), outcome.gap());
            }
        } else {
            observation.present(key);
            rate = kubeletRate(point.cpuNanoCores());
        }
        return new ContainerSample(point.name(), spec != null && spec.sidecar(), point.startTime(), point.timestamp(),
                rate == null ? null : rate.windowMillis(), rate == null ? null : rate.cpuNanoCores(),
                point.cpuUsageCoreNanoSeconds(), point.memoryWorkingSetBytes(),
                spec == null ? null : spec.cpuRequestMilliCores(), spec == null ? null : spec.cpuLimitMilliCores(),
                spec == null ? null : spec.memoryRequestBytes(), spec == null ? null : spec.memoryLimitBytes());
    }

    private static ContainerSample unmeasured(PodInfo.ContainerSpec spec) {
        return new ContainerSample(spec.name(), spec.sidecar(), null, null, null, null, null, null,
                spec.cpuRequestMilliCores(), spec.cpuLimitMilliCores(), spec.memoryRequestBytes(),
                spec.memoryLimitBytes());
    }

    private static CpuRate kubeletRate(Long nanoCores) {
        return nanoCores == null ? null : new CpuRate(nanoCores, null);
    }

    /** What the API server knows of a pod on a node (the pod informer of that node when sharded). */
    @FunctionalInterface
    public interface PodLookup {
        Optional<PodInfo> find(String nodeName, String namespace, String name);
    }
}
