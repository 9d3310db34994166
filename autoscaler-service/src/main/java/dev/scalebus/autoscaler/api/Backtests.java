package dev.scalebus.autoscaler.api;

import dev.scalebus.autoscaler.backtest.Actual;
import dev.scalebus.autoscaler.backtest.BacktestException;
import dev.scalebus.autoscaler.backtest.LoadModel;
import dev.scalebus.autoscaler.backtest.RecordedPod;
import dev.scalebus.autoscaler.backtest.Replay;
import dev.scalebus.autoscaler.backtest.Scrape;
import dev.scalebus.autoscaler.backtest.Timeline;
import dev.scalebus.autoscaler.controller.AutoscalerConfig;
import dev.scalebus.autoscaler.history.HistoryClient;
import dev.scalebus.autoscaler.history.HistoryException;
import dev.scalebus.autoscaler.history.WorkloadRef;
import dev.scalebus.autoscaler.hpa.ControllerSettings;
import dev.scalebus.autoscaler.hpa.HpaSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Runs one backtest: checks the request (400 naming the field), reads the recorded samples and decisions from
 * history-service, replays the candidate ({@link Replay}) and summarizes what actually happened ({@link Actual}).
 */
final class Backtests {

    private final HistoryClient history;
    private final Clock clock;
    private final AutoscalerConfig.Backtest caps;
    private final int maxMetrics;

    Backtests(HistoryClient history, Clock clock, AutoscalerConfig.Backtest caps, int maxMetrics) {
        this.history = history;
        this.clock = clock;
        this.caps = caps;
        this.maxMetrics = maxMetrics;
    }

    BacktestResponse run(BacktestRequest req) {
        Instant deadline = clock.instant().plus(caps.maxWallTime());
        HpaSpec spec = candidate(req.autoscaler());
        ControllerSettings settings = InputMapping.settings(req.settings());
        WorkloadRef workload = target(req.target());
        range(req.from(), req.to());
        if (req.initialReplicas() != null && req.initialReplicas() < 0) {
            throw new BadInputException("initialReplicas", "must not be negative");
        }
        List<RecordedPod> rows = read(() -> history.samples(workload, req.from(), req.to(), caps.maxPoints(),
                deadline));
        if (rows.isEmpty()) {
            throw new BadInputException("target", "no recorded samples of " + workload.kind() + " "
                    + workload.namespace() + "/" + workload.name() + " from " + req.from() + " to " + req.to()
                    + "; check the workload's namespace, kind and name, and the range");
        }
        List<Scrape> scrapes = Scrape.of(rows);
        int initial = req.initialReplicas() != null ? req.initialReplicas() : scrapes.get(0).liveCount();
        Timeline candidate = Replay.run(new Replay.Input(spec, settings, scrapes, initial, req.from(), req.to()));
        List<Timeline.Point> decisions = read(() -> history.decisions(workload, req.from(), req.to(), deadline));
        Timeline actual = Actual.of(scrapes, decisions, spec, req.from(), req.to());
        return new BacktestResponse(LoadModel.DESCRIPTION, new BacktestResponse.Range(req.from(), req.to()),
                req.target(), candidate, actual);
    }

    private HpaSpec candidate(Map<String, Object> a) {
        if (a == null) {
            throw new BadInputException("autoscaler", "a candidate is required: a HorizontalAutoscaler or "
                    + "HorizontalPodAutoscaler object, or an autoscaling/v2 spec");
        }
        boolean object = a.containsKey("spec") || a.containsKey("kind") || a.containsKey("apiVersion")
                || a.containsKey("metadata");
        String path = object ? "autoscaler.spec" : "autoscaler";
        HpaSpec spec;
        try {
            spec = object ? Mappers.convert(a, SimulateRequest.Autoscaler.class).spec()
                    : Mappers.convert(a, HpaSpec.class);
        } catch (BadInputException e) {
            throw new BadInputException("autoscaler" + (e.field().isEmpty() ? "" : "." + e.field()), e.getMessage());
        }
        if (spec == null) {
            throw new BadInputException(path, "the autoscaler has no spec");
        }
        RequestValidator.validSpec(spec, path);
        if (spec.metrics().size() > maxMetrics) {
            throw new BadInputException(path + ".metrics", "has " + spec.metrics().size() + " items, over the "
                    + "limit of " + maxMetrics + " (scalebus.autoscaler.simulate.max-metrics)");
        }
        try {
            Replay.check(spec, path);
        } catch (BacktestException e) {
            throw new BadInputException(e.field(), e.getMessage());
        }
        return spec;
    }

    private static WorkloadRef target(BacktestRequest.Target t) {
        if (t == null) {
            throw new BadInputException("target", "the recorded workload is required: namespace, kind and name");
        }
        for (String[] f : new String[][] {{"namespace", t.namespace()}, {"kind", t.kind()}, {"name", t.name()}}) {
            if (f[1] == null || f[1].isBlank()) {
                throw new BadInputException("target." + f[0], "is required");
            }
        }
        return new WorkloadRef(t.namespace(), t.kind(), t.name());
    }

    private void range(Instant from, Instant to) {
        if (from == null) {
            throw new BadInputException("from", "is required (RFC 3339, e.g. 2026-12-06T10:00:00Z)");
        }
        if (to == null) {
            throw new BadInputException("to", "is required (RFC 3339, e.g. 2026-12-06T11:00:00Z)");
        }
        if (!to.isAfter(from)) {
            throw new BadInputException("from", "from " + from + " is not before to " + to);
        }
        if (Duration.between(from, to).compareTo(caps.maxRange()) > 0) {
            throw new BadInputException("from", "the range " + from + " to " + to + " is longer than the maximum "
                    + caps.maxRange() + " (scalebus.autoscaler.backtest.max-range); ask for a shorter one");
        }
    }

    private <T> T read(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (HistoryException e) {
            throw switch (e.kind()) {
                case REFUSED -> new BadInputException(field(e.field()), "history-service refused the query: "
                        + e.getMessage());
                case DENIED -> new BadInputException(502, "history", e.getMessage() + " (the autoscaler's "
                        + "service account needs get/list on samples and decisions.scalebus.dev)");
                case UNAVAILABLE -> new BadInputException(503, "history", e.getMessage());
                case TOO_MANY -> new BadInputException("from", "the range holds " + e.getMessage()
                        + " (scalebus.autoscaler.backtest.max-points); ask for a shorter range");
                case TOO_SLOW -> new BadInputException(503, "from", e.getMessage() + "; ask for a shorter range");
            };
        }
    }

    // history's query parameters, as the request's fields
    private static String field(String historyField) {
        return switch (historyField == null ? "" : historyField) {
            case "namespace" -> "target.namespace";
            case "kind", "targetKind" -> "target.kind";
            case "name", "targetName" -> "target.name";
            case "to" -> "to";
            default -> "from";
        };
    }
}
