package dev.scalebus.simulator.app;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the simulated cluster runs (or when it is disabled on purpose). */
@Readiness
@ApplicationScoped
public class SimulatorReadiness implements HealthCheck {

    private final SimulatorLifecycle lifecycle;
    private final SimulatorConfig config;

    public SimulatorReadiness(SimulatorLifecycle lifecycle, SimulatorConfig config) {
        this.lifecycle = lifecycle;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        boolean up = !config.enabled() || lifecycle.running();
        return HealthCheckResponse.named("simulated-cluster").status(up)
                .withData("nodes", up && lifecycle.running() ? lifecycle.cluster().nodes().size() : 0).build();
    }
}
