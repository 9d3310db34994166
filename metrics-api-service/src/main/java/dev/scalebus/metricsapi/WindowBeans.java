package dev.scalebus.metricsapi;

import dev.scalebus.metricsapi.window.MetricsWindow;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Wires the plain-Java core into CDI. */
public class WindowBeans {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    MetricsWindow window(Clock clock, MetricsApiConfig config) {
        return new MetricsWindow(clock, config.effectiveExpiry(), config.recordLimits());
    }
}
