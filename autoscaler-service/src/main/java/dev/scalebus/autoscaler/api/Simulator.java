package dev.scalebus.autoscaler.api;

import dev.scalebus.autoscaler.hpa.ControllerSettings;
import dev.scalebus.autoscaler.hpa.Evaluation;
import dev.scalebus.autoscaler.hpa.Evaluator;
import dev.scalebus.autoscaler.hpa.History;
import dev.scalebus.autoscaler.hpa.HpaSpec;
import dev.scalebus.autoscaler.hpa.HpaStatus;
import dev.scalebus.autoscaler.hpa.MetricResult;
import dev.scalebus.autoscaler.hpa.PodInfo;
import dev.scalebus.autoscaler.hpa.ScaleView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a what-if request step by step through the same {@link Evaluator} the live controller uses, carrying the
 * status, the history and the scale (a successful rescale becomes the next step's replicas) from step to step.
 */
public final class Simulator {

    /** The controller's sync period: the default spacing of steps without a time. */
    static final Duration SYNC_PERIOD = Duration.ofSeconds(15);

    private Simulator() {
    }

    /** Runs without a wall-time limit (tests, tools). */
    public static SimulateResponse run(SimulateRequest req, Instant defaultStart) {
        return run(req, defaultStart, Clock.fixed(defaultStart, ZoneOffset.UTC), Duration.ofDays(365));
    }

    /**
     * Runs with a wall-time limit: between steps the elapsed time on {@code clock} is checked against
     * {@code maxWallTime}; past it the request fails with 503 naming the limit (cooperative, so a step in progress
     * completes first).
     */
    public static SimulateResponse run(SimulateRequest req, Instant defaultStart, Clock clock, Duration maxWallTime) {
        Instant deadline = clock.instant().plus(maxWallTime);
        HpaSpec spec = RequestValidator.spec(req);
        ControllerSettings settings = InputMapping.settings(req.settings());
        RequestValidator.scale(req.scale(), "scale");
        List<SimulateRequest.Pod> podInput = req.pods() == null ? List.of() : req.pods();
        RequestValidator.pods(podInput, "pods");
        List<String> otherSelectors = req.otherSelectors() == null ? List.of() : req.otherSelectors();
        RequestValidator.selectors(otherSelectors);
        if (req.steps() == null || req.steps().isEmpty()) {
            throw new BadInputException("steps", "at least one step is required");
        }
        SimulateRequest.PreviousStatus prevInput = req.status() != null ? req.status()
                : req.autoscaler() != null ? req.autoscaler().status() : null;
        HpaStatus status = InputMapping.status(prevInput);
        History history = InputMapping.history(req.history());
        SimulateRequest.Scale scale = req.scale();
        List<PodInfo> pods = InputMapping.pods(podInput);
        Instant start = req.start() != null ? req.start() : defaultStart;
        Instant previousTime = null;
        List<SimulateResponse.StepResult> out = new ArrayList<>();
        for (int i = 0; i < req.steps().size(); i++) {
            SimulateRequest.Step step = req.steps().get(i);
            String path = "steps[" + i + "]";
            if (clock.instant().isAfter(deadline)) {
                throw new BadInputException(503, "steps", "the simulation ran past its wall-time limit of "
                        + maxWallTime.toMillis() + " ms (scalebus.autoscaler.simulate.max-wall-time) after " + i
                        + " of " + req.steps().size() + " steps; send fewer steps or pods");
            }
            if (step == null) {
                throw new BadInputException(path, "a step must not be null");
            }
            Instant now = step.at() != null ? step.at() : step.offsetSeconds() != null
                    ? start.plusSeconds(step.offsetSeconds()) : start.plus(SYNC_PERIOD.multipliedBy(i));
            if (previousTime != null && now.isBefore(previousTime)) {
                throw new BadInputException(path + ".at", "steps must be in time order");
            }
            previousTime = now;
            if (step.pods() != null) {
                RequestValidator.pods(step.pods(), path + ".pods");
                pods = InputMapping.pods(step.pods());
            }
            if (step.scale() != null) {
                RequestValidator.scale(step.scale(), path + ".scale");
                scale = step.scale();
            }
            ScaleView view = scale.error() != null ? null : new ScaleView(scale.specReplicas(),
                    scale.statusReplicas() != null ? scale.statusReplicas() : scale.specReplicas(), scale.selector());
            Evaluation.Input in = new Evaluation.Input(spec, status, history, view, scale.error(), pods,
                    InputMapping.reads(step.metrics(), now, path + ".metrics"), otherSelectors, settings, now);
            String updateError = step.scaleUpdateError();
            Evaluation.Result r = Evaluator.evaluate(in, replicas -> updateError);
            out.add(result(now, r));
            status = r.status();
            history = r.history();
            if (r.scaled()) {
                scale = new SimulateRequest.Scale(r.desiredReplicas(), r.desiredReplicas(), scale.selector(), null);
            }
        }
        return new SimulateResponse(new SimulateResponse.Settings(settings.tolerance(),
                settings.cpuInitializationPeriod().toSeconds(), settings.initialReadinessDelay().toSeconds(),
                settings.downscaleStabilizationWindow().toSeconds(), settings.scaleUpLimitFactor(),
                settings.scaleUpLimitMinimum()), out);
    }

    private static SimulateResponse.StepResult result(Instant now, Evaluation.Result r) {
        List<SimulateResponse.Metric> metrics = r.metrics().stream().map(Simulator::metric).toList();
        return new SimulateResponse.StepResult(now, r.currentReplicas(), r.desiredReplicas(), r.rescale(), r.scaled(),
                r.rescaleReason(), r.error(), metrics,
                new SimulateResponse.Recommendation(r.proposed(), r.stabilized(), r.limited()), r.conditions(),
                new SimulateResponse.Status(r.status().currentReplicas(), r.status().desiredReplicas(),
                        r.status().lastScaleTime()),
                r.history(), r.events().stream()
                        .map(e -> new SimulateResponse.Event(e.type(), e.reason(), e.message())).toList());
    }

    private static SimulateResponse.Metric metric(MetricResult m) {
        SimulateResponse.Current current = m.current() == null ? null : new SimulateResponse.Current(
                m.current().averageUtilization(), m.current().averageValue(), m.current().value());
        String container = m.spec().containerResource() != null ? m.spec().containerResource().container() : null;
        return new SimulateResponse.Metric(m.spec().type(), m.spec().metricName(), container, m.name(), current,
                m.proposal(), m.error());
    }
}
