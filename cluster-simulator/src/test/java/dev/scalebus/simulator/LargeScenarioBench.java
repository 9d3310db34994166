package dev.scalebus.simulator;

import dev.scalebus.simulator.scenario.ScenarioLoader;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Benchmark (not a test): starts scenarios/large.yaml (5,000 nodes x 30 pods) and scrapes every node's
 * /metrics/resource and /stats/summary once, as a 15 s collector cycle would. Run with the test classpath:
 *   java -cp target/classes:target/test-classes:$(cat target/cp.txt) dev.scalebus.simulator.LargeScenarioBench
 */
public final class LargeScenarioBench {

    public static void main(String[] args) throws Exception {
        int concurrency = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        long t0 = System.nanoTime();
        SimulatorSettings settings = ScenarioLoader.load(Path.of("scenarios/large.yaml"))
                .kubeletPort(0).loopbackBase(SimulatorSettings.randomLoopbackBase()).build();
        try (SimulatedCluster cluster = SimulatedCluster.start(settings)) {
            System.out.printf("start: %d nodes in %d ms%n", cluster.nodes().size(), (System.nanoTime() - t0) / 1_000_000);
            System.gc();
            Runtime rt = Runtime.getRuntime();
            System.out.printf("heap used after start: %d MiB%n", (rt.totalMemory() - rt.freeMemory()) >> 20);
            KubeletTestClient client = new KubeletTestClient(cluster.kubeletCaFile());
            NodeEndpoint one = cluster.nodes().get(7);
            for (int i = 0; i < 200; i++) {
                client.get(one, "/metrics/resource", null);
                client.get(one, "/stats/summary", null);
            }
            for (String path : List.of("/metrics/resource", "/stats/summary")) {
                List<Long> micros = new ArrayList<>();
                int bytes = 0;
                for (int i = 0; i < 500; i++) {
                    long s = System.nanoTime();
                    HttpResponse<String> r = client.get(one, path, null);
                    micros.add((System.nanoTime() - s) / 1000);
                    bytes = r.body().length();
                }
                Collections.sort(micros);
                System.out.printf("one 30-pod node %s (%d bytes), warm connection: p50 %d us, p99 %d us%n", path, bytes,
                        micros.get(250), micros.get(495));
            }
            for (int round = 0; round < 2; round++) {
                for (String path : List.of("/metrics/resource", "/stats/summary")) {
                    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
                    List<Future<Long>> futures = new ArrayList<>();
                    long sweep = System.nanoTime();
                    for (NodeEndpoint n : cluster.nodes()) {
                        futures.add(pool.submit(() -> {
                            long s = System.nanoTime();
                            HttpResponse<String> r = client.get(n, path, null);
                            if (r.statusCode() != 200) {
                                throw new IllegalStateException(n + " answered " + r.statusCode());
                            }
                            return (System.nanoTime() - s) / 1000;
                        }));
                    }
                    List<Long> micros = new ArrayList<>();
                    for (Future<Long> f : futures) {
                        micros.add(f.get());
                    }
                    pool.shutdown();
                    Collections.sort(micros);
                    System.out.printf("round %d sweep of %d nodes %s, %d in flight: %d ms total, p50 %d us, p99 %d us%n",
                            round, micros.size(), path, concurrency, (System.nanoTime() - sweep) / 1_000_000,
                            micros.get(micros.size() / 2), micros.get(micros.size() * 99 / 100));
                }
            }
        }
    }
}
