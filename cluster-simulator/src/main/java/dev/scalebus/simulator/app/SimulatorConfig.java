package dev.scalebus.simulator.app;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/** The simulator app's settings; anything not set here comes from the scenario file. */
@ConfigMapping(prefix = "scalebus.simulator")
public interface SimulatorConfig {

    /** Start the simulated cluster at application start. */
    @WithDefault("true")
    boolean enabled();

    /** Scenario YAML to run (path, relative to the working directory). */
    @WithDefault("scenarios/seed-ab-load.yaml")
    String scenario();

    /** Overrides kubelet.loopbackBase: nodes at 127.BASE.x.y. */
    Optional<Integer> loopbackBase();

    /** Overrides podLoopbackBase: pods with a metrics endpoint get podIPs 127.BASE.x.y (default loopbackBase + 1). */
    Optional<Integer> podLoopbackBase();

    /** Overrides kubelet.port (0 = a free port per node). */
    Optional<Integer> kubeletPort();

    /** Overrides kubelet.bearerToken: the token the kubelets require. */
    Optional<String> kubeletBearerToken();

    /** Overrides timeCompression: scenario seconds per wall second. */
    Optional<Double> timeCompression();

    /** Where kubeconfig and CA files are written (default: a new temp directory). */
    Optional<String> workDir();

    /**
     * Aggregated APIs registered at start, each {@code GROUP/VERSION=URL} (e.g.
     * {@code metrics.k8s.io/v1beta1=https://127.0.0.1:8443}); ./scalebus up and docker-compose register
     * metrics-api-service this way. TLS to them is not verified. The first version listed for a group is its preferred version.
     */
    Optional<List<String>> apiServices();

    /**
     * YAML files (several documents each) whose objects are created in the API server at start, in the order given:
     * a CustomResourceDefinition before its resources. Objects without a namespace go to {@code default}.
     */
    Optional<List<String>> manifests();
}
