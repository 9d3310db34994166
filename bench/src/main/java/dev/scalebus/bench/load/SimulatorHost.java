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
 * Runs a cluster-simulator scenario ({@code large} for the load phases, a bench scenario or {@code seed-ab-load} for
 * the stack phases) in its own JVM, so that the measured processes run on their own. Kubelets share one wildcard
 * socket on a free port (several runs can coexist); node i answers at 127.B.(i/254).(i%254+1) with a certificate
 * for that address, signed by the simulator's kubelet CA. Writes into {@code dir}: {@code targets.txt} (host:port
 * per line), {@code ca.pem}, {@code kubeconfig} (the simulated API server, for the services) and {@code api-url};
 * creates the objects of every {@code --apply} file (a CRD, an autoscaler) through the API server; with
 * {@code --control} serves {@link SimulatorControl} and writes its port to {@code control-port}. Then prints READY
 * and runs until the file {@code dir/stop} appears.
 *
 * <p>Args: scenarioFile nodes(0 = the scenario's) podsPerNode dir [--apply FILE]... [--control]
 */
public final class SimulatorHost {

    public static void main(String[] args) throws Exception {
        Path scenario = Path.of(args[0]);
        int nodes = Integer.parseInt(args[1]);
        int podsPerNode = Integer.parseInt(args[2]);
        Path dir = Path.of(args[3]);
        List<Path> apply = new ArrayList<>();
        boolean control = false;
        for (int i = 4; i < args.length; i++) {
            switch (args[i]) {
                case "--apply" -> apply.add(Path.of(args[++i]));
                case "--control" -> control = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Files.createDirectories(dir);
        long started = System.nanoTime();
        SimulatorSettings.Builder builder = ScenarioLoader.load(scenario);
        if (nodes > 0) {
            builder.nodeCount(nodes).podsPerNode(podsPerNode);
        }
        SimulatorSettings settings = builder
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
            Files.copy(cluster.kubeconfig(), dir.resolve("kubeconfig"));
            Files.writeString(dir.resolve("api-url"), cluster.apiServerUrl());
            for (Path file : apply) {
                KubeApply.create(cluster.apiServerUrl(), file);
            }
            SimulatorControl server = control ? SimulatorControl.start(cluster, dir.resolve("control-port")) : null;
            System.out.printf("READY %d nodes x %d pods in %.1f s%n", targets.size(), settings.podsPerNode(),
                    (System.nanoTime() - started) / 1e9);
            System.out.flush();
            Path stop = dir.resolve("stop");
            while (!Files.exists(stop)) {
                Thread.sleep(200);
            }
            if (server != null) {
                server.close();
            }
        }
    }
}
