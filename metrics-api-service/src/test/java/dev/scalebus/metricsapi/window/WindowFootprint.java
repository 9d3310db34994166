package dev.scalebus.metricsapi.window;

import dev.scalebus.events.ContainerSample;
import dev.scalebus.events.NodeScrape;
import dev.scalebus.events.NodeUsage;
import dev.scalebus.events.PodSample;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Measures the window's heap per container held (not a test: run by hand, numbers in README.md).
 * <pre>java -Xmx1g -cp target/classes:target/test-classes:$(cat /tmp/mapi-cp.txt) \
 *     dev.scalebus.metricsapi.window.WindowFootprint [nodes] [podsPerNode] [containersPerPod]</pre>
 * Pods look like Deployment pods (generated names, 4 labels shared by the pods of one Deployment).
 */
public final class WindowFootprint {

    private WindowFootprint() {
    }

    public static void main(String[] args) {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int podsPerNode = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int containersPerPod = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Instant now = Instant.now();
        long before = usedAfterGc();
        MetricsWindow window = new MetricsWindow(Clock.systemUTC(), Duration.ofMinutes(5));
        for (int n = 0; n < nodes; n++) {
            window.accept(scrape("node-" + n, podsPerNode, containersPerPod, n, now));
        }
        long after = usedAfterGc();
        long containers = window.containerCount();
        System.out.printf("nodes=%d pods=%d containers=%d heap=%.1f MiB bytes/container=%d bytes/pod=%d%n",
                window.nodeCount(), window.podCount(), containers, (after - before) / 1048576.0,
                (after - before) / containers, (after - before) / window.podCount());
        if (window.pods(null).isEmpty()) {
            throw new IllegalStateException("nothing held"); // keeps the window reachable until here
        }
    }

    private static NodeScrape scrape(String node, int pods, int containers, int n, Instant now) {
        List<PodSample> samples = new ArrayList<>();
        for (int p = 0; p < pods; p++) {
            String deployment = "service-" + ((n * pods + p) % 500);
            Map<String, String> labels = Map.of("app", deployment, "pod-template-hash", "7d9f8b6c5d",
                    "team", "team-" + (p % 10), "app.kubernetes.io/version", "1.4.2");
            List<ContainerSample> cs = new ArrayList<>();
            for (int c = 0; c < containers; c++) {
                cs.add(new ContainerSample(c == 0 ? "app" : "sidecar-" + c, false, now.minusSeconds(3600), now,
                        15_000L, 1_938_555L + p, 9_000_000_000L, 1_005_736L * 1024, 250L, 500L, 1L << 28, 1L << 29));
            }
            samples.add(new PodSample("namespace-" + (p % 20), deployment + "-7d9f8b6c5d-" + n + "x" + p, "uid-" + n
                    + "-" + p, labels, null, "Running", true, now, now, false, cs));
        }
        NodeUsage usage = new NodeUsage(now, 15_000L, 329_087_452L, null, 2_748_180L * 1024, null, null, null, null,
                null, null);
        return NodeScrape.of(node, now, 12, NodeScrape.SOURCE_METRICS_RESOURCE, usage, samples);
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 5; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
