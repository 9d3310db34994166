package dev.scalebus.autoscaler.api;

import dev.scalebus.autoscaler.hpa.ControllerSettings;
import dev.scalebus.autoscaler.hpa.History;
import dev.scalebus.autoscaler.hpa.HpaStatus;
import dev.scalebus.autoscaler.hpa.MetricReads;
import dev.scalebus.autoscaler.hpa.PodGroups;
import dev.scalebus.autoscaler.hpa.PodInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What-if input to the core's records, with the documented defaults. */
final class InputMapping {

    private InputMapping() {
    }

    static ControllerSettings settings(SimulateRequest.Settings s) {
        ControllerSettings d = ControllerSettings.defaults();
        if (s == null) {
            return d;
        }
        if (s.tolerance() != null && s.tolerance() < 0) {
            throw new BadInputException("settings.tolerance", "must not be negative");
        }
        return new ControllerSettings(s.tolerance() != null ? s.tolerance() : d.tolerance(),
                seconds(s.cpuInitializationPeriodSeconds(), d.cpuInitializationPeriod(),
                        "settings.cpuInitializationPeriodSeconds"),
                seconds(s.initialReadinessDelaySeconds(), d.initialReadinessDelay(),
                        "settings.initialReadinessDelaySeconds"),
                seconds(s.downscaleStabilizationWindowSeconds(), d.downscaleStabilizationWindow(),
                        "settings.downscaleStabilizationWindowSeconds"),
                positive(s.scaleUpLimitFactor(), d.scaleUpLimitFactor(), "settings.scaleUpLimitFactor"),
                positive(s.scaleUpLimitMinimum(), d.scaleUpLimitMinimum(), "settings.scaleUpLimitMinimum"));
    }

    private static Duration seconds(Long v, Duration d, String field) {
        if (v == null) {
            return d;
        }
        if (v < 0) {
            throw new BadInputException(field, "must not be negative");
        }
        return Duration.ofSeconds(v);
    }

    private static double positive(Double v, double d, String field) {
        if (v == null) {
            return d;
        }
        if (v <= 0) {
            throw new BadInputException(field, "must be greater than 0");
        }
        return v;
    }

    static HpaStatus status(SimulateRequest.PreviousStatus s) {
        if (s == null) {
            return HpaStatus.empty();
        }
        return new HpaStatus(s.currentReplicas(), s.desiredReplicas(), List.of(),
                s.conditions() == null ? List.of() : s.conditions(), s.lastScaleTime());
    }

    static History history(SimulateRequest.HistoryInput h) {
        if (h == null) {
            return null;
        }
        List<History.Recommendation> recs = new ArrayList<>();
        List<SimulateRequest.RecommendationInput> in = h.recommendations() == null ? List.of() : h.recommendations();
        for (int i = 0; i < in.size(); i++) {
            var r = in.get(i);
            if (r == null || r.replicas() == null || r.time() == null) {
                throw new BadInputException("history.recommendations[" + i + "]", "replicas and time are required");
            }
            recs.add(new History.Recommendation(r.replicas(), r.time()));
        }
        return new History(recs, events(h.scaleUpEvents(), "history.scaleUpEvents"),
                events(h.scaleDownEvents(), "history.scaleDownEvents"));
    }

    private static List<History.ScaleEvent> events(List<SimulateRequest.ScaleEventInput> in, String path) {
        List<History.ScaleEvent> out = new ArrayList<>();
        for (int i = 0; in != null && i < in.size(); i++) {
            var e = in.get(i);
            if (e == null || e.replicaChange() == null || e.time() == null || e.replicaChange() < 0) {
                throw new BadInputException(path + "[" + i + "]",
                        "replicaChange (not negative) and time are required");
            }
            out.add(new History.ScaleEvent(e.replicaChange(), e.time(), false));
        }
        return out;
    }

    static List<PodInfo> pods(List<SimulateRequest.Pod> in) {
        List<PodInfo> out = new ArrayList<>();
        for (SimulateRequest.Pod p : in) {
            Instant start = p.startTime() != null ? p.startTime() : PodGroups.ZERO_TIME;
            Boolean ready = Boolean.TRUE.equals(p.noReadyCondition()) ? null
                    : p.ready() == null ? Boolean.TRUE : p.ready();
            List<PodInfo.ContainerInfo> containers = new ArrayList<>();
            for (SimulateRequest.Container c : p.containers() == null ? List.<SimulateRequest.Container>of()
                    : p.containers()) {
                containers.add(new PodInfo.ContainerInfo(c.name(), false, false, c.requests()));
            }
            for (SimulateRequest.Container c : p.initContainers() == null ? List.<SimulateRequest.Container>of()
                    : p.initContainers()) {
                boolean sidecar = "Always".equals(c.restartPolicy());
                containers.add(new PodInfo.ContainerInfo(c.name(), sidecar, !sidecar, c.requests()));
            }
            out.add(new PodInfo(p.name(), p.phase() != null ? p.phase() : "Running", ready,
                    p.readyTransitionTime() != null ? p.readyTransitionTime() : start, start,
                    Boolean.TRUE.equals(p.deleting()), p.labels(), containers));
        }
        return out;
    }

    static MetricReads reads(SimulateRequest.Metrics m, Instant now, String path) {
        if (m == null) {
            return MetricReads.none();
        }
        MetricReads.ResourceRead resource = null;
        if (m.resource() != null) {
            List<MetricReads.PodUsage> usage = new ArrayList<>();
            List<SimulateRequest.PodUsage> pods = m.resource().pods() == null ? List.of() : m.resource().pods();
            for (int i = 0; i < pods.size(); i++) {
                SimulateRequest.PodUsage u = pods.get(i);
                if (u == null || u.pod() == null) {
                    throw new BadInputException(path + ".resource.pods[" + i + "].pod", "is required");
                }
                List<MetricReads.ContainerUsage> cs = new ArrayList<>();
                for (SimulateRequest.ContainerUsage c : u.containers() == null
                        ? List.<SimulateRequest.ContainerUsage>of() : u.containers()) {
                    cs.add(new MetricReads.ContainerUsage(c.name(), c.usage()));
                }
                usage.add(new MetricReads.PodUsage(u.pod(), u.timestamp() != null ? u.timestamp() : now,
                        Duration.ofSeconds(u.windowSeconds() != null ? u.windowSeconds() : 60), cs));
            }
            resource = new MetricReads.ResourceRead(usage, m.resource().error());
        }
        Map<String, MetricReads.PodsRead> pods = new HashMap<>();
        if (m.pods() != null) {
            m.pods().forEach((k, v) -> pods.put(k, new MetricReads.PodsRead(v.values(), now, v.error())));
        }
        Map<String, MetricReads.ValueRead> object = new HashMap<>();
        if (m.object() != null) {
            m.object().forEach((k, v) -> object.put(k, new MetricReads.ValueRead(v.value(), now, v.error())));
        }
        Map<String, MetricReads.SeriesRead> external = new HashMap<>();
        if (m.external() != null) {
            m.external().forEach((k, v) -> external.put(k, new MetricReads.SeriesRead(v.values(), now, v.error())));
        }
        return new MetricReads(resource, pods, object, external);
    }
}
