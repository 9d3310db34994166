package dev.scalebus.simulator.app;

import dev.scalebus.simulator.SimulatedCluster;
import dev.scalebus.simulator.SimulatorSettings;
import dev.scalebus.simulator.scenario.ScenarioLoader;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/** Starts the simulated cluster from the configured scenario and stops it with the application. */
@ApplicationScoped
public class SimulatorLifecycle {

    private static final Logger LOG = Logger.getLogger(SimulatorLifecycle.class);
    private final SimulatorConfig config;
    private volatile SimulatedCluster cluster;

    public SimulatorLifecycle(SimulatorConfig config) {
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("simulator disabled (scalebus.simulator.enabled=false)");
            return;
        }
        SimulatorSettings.Builder settings = ScenarioLoader.load(Path.of(config.scenario()));
        config.loopbackBase().ifPresent(settings::loopbackBase);
        config.podLoopbackBase().ifPresent(settings::podLoopbackBase);
        config.kubeletPort().ifPresent(settings::kubeletPort);
        config.kubeletBearerToken().ifPresent(settings::kubeletBearerToken);
        config.timeCompression().ifPresent(settings::timeCompression);
        config.workDir().map(Path::of).ifPresent(settings::workDir);
        cluster = SimulatedCluster.start(settings.build());
        StartupObjects.registerApiServices(cluster, config.apiServices().orElse(java.util.List.of()));
        StartupObjects.createManifests(cluster, config.manifests().orElse(java.util.List.of()));
        LOG.infof("scenario %s running; export KUBECONFIG=%s", config.scenario(), cluster.kubeconfig());
    }

    void stop(@Observes ShutdownEvent event) {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** The running cluster; fails with a clear message when the simulator is disabled. */
    public SimulatedCluster cluster() {
        SimulatedCluster c = cluster;
        if (c == null) {
            throw new IllegalStateException("the simulated cluster is not running (scalebus.simulator.enabled=false?)");
        }
        return c;
    }

    public boolean running() {
        return cluster != null;
    }
}
