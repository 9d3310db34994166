package dev.scalebus.bench.load;

import dev.scalebus.simulator.NodeEndpoint;
import dev.scalebus.simulator.SimulatedCluster;
import dev.scalebus.simulator.SimulatorSettings;
import dev.scalebus.simulator.scenario.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Runs cluster-simulator's {@code large} scenario, scaled to {@code nodes} x {@code podsPerNode}, in its own JVM so
 * that the scrapers (scalebus, Prometheus) are measured in processes of their own. Kubelets share one wildcard
 * socket on a free port (several runs can coexist); node i answers at 127.B.(i/254).(i%254+1) with a certificate
 * for that address, signed by the simulator's kubelet CA. Writes {@code targets.txt} (host:port per line) and
 * {@code ca.pem} into {@code dir}, prints READY, and runs until the file {@code dir/stop} appears.
 *
 * <p>Args: scenarioFile nodes podsPerNode dir
 */
public final class SimulatorHost {

    public static void main(String[] args) throws Exception {
        Path scenario = Path.of(args[0]);
        int nodes = Integer.parseInt(args[1]);
        int podsPerNode = Integer.parseInt(args[2]);
        Path dir = Path.of(args[3]);
        Files.createDirectories(dir);
        long started = System.nanoTime();
        SimulatorSettings settings = ScenarioLoader.load(scenario)
                .nodeCount(nodes)
                .podsPerNode(podsPerNode)
                .fillerPodsInApi(false)
                .nodeNamePrefix("bench-" + UUID.randomUUID().toString().substring(0, 6))
                .loopbackBase(SimulatorSettings.randomLoopbackBase())
                .kubeletPort(0)
                .kubeletWildcardBind(true)
                .workDir(dir.resolve("sim"))
                .build();
        try (SimulatedCluster cluster = SimulatedCluster.start(settings)) {
            List<String> targets = new ArrayList<>();
            for (NodeEndpoint n : cluster.nodes()) {
                targets.add(n.address() + ":" + n.port());
            }
            Files.write(dir.resolve("targets.txt"), targets);
            Files.copy(cluster.kubeletCaFile(), dir.resolve("ca.pem"));
            System.out.printf("READY %d nodes x %d pods in %.1f s%n", targets.size(), podsPerNode,
                    (System.nanoTime() - started) / 1e9);
            System.out.flush();
            Path stop = dir.resolve("stop");
            while (!Files.exists(stop)) {
                Thread.sleep(200);
            }
        }
    }
}
