package dev.scalebus.autoscaler.controller;

import dev.scalebus.autoscaler.window.PodMetricsWindow;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Wires the plain-Java metrics window. */
public class WindowProducer {

    @Produces
    @Singleton
    PodMetricsWindow window(Clock clock, AutoscalerConfig config) {
        return new PodMetricsWindow(clock, config.metricsMaxAge());
    }
}
