package dev.scalebus.simulator;

import dev.scalebus.simulator.kube.PodNames;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Everything a {@link SimulatedCluster} needs. Build with {@link #builder()}; defaults in the builder.
 *
 * @param nodeNamePrefix     nodes are named PREFIX-0, PREFIX-1, ... (make it unique per test on shared Kafka)
 * @param loopbackBase       node i listens on 127.BASE.(i/254).(i%254+1); 1..254
 * @param kubeletPort        kubelet HTTPS port (10250); 0 = a free port per node (or one, with wildcard bind)
 * @param kubeletWildcardBind one listening socket on 0.0.0.0 for all nodes instead of one per node address
 * @param kubeletBearerToken token the kubelets require (401 otherwise); null = no authentication
 * @param podsPerNode        filler pods on every node (constant small load, namespace {@code sim-system})
 * @param fillerPodsInApi    also create the filler pods as API objects (off for very large clusters)
 * @param timeCompression    scenario seconds per wall second for load profiles (kubelet timestamps stay wall time)
 * @param reconcileInterval  how often the controller loop runs
 * @param workDir            where kubeconfig and CA files go; null = a new temp directory
 * @param podLoopbackBase    pods with an application metrics endpoint get podIPs 127.BASE.x.y; 0 = loopbackBase + 1
 *                           (253 when loopbackBase is 254); must differ from loopbackBase
 * @param podNameSuffixes    the random part of generated pod names ({@code RSNAME-xxxxx}); null = 5 random characters
 *                           of the apimachinery alphabet (tests inject names that collide)
 */
public record SimulatorSettings(String nodeNamePrefix, int nodeCount, long nodeCpuMillicores, long nodeMemoryBytes,
        int loopbackBase, int kubeletPort, boolean kubeletWildcardBind, String kubeletBearerToken, int podsPerNode,
        boolean fillerPodsInApi, List<DeploymentSpec> deployments, double timeCompression, Duration reconcileInterval,
        Clock clock, Path workDir, int kubeletIoThreads, int podLoopbackBase, Supplier<String> podNameSuffixes) {

    public SimulatorSettings {
        if (nodeCount < 1) {
            throw new IllegalArgumentException("nodeCount must be >= 1, got " + nodeCount);
        }
        if (loopbackBase < 1 || loopbackBase > 254) {
            throw new IllegalArgumentException("loopbackBase must be 1..254, got " + loopbackBase);
        }
        if (nodeCount > 254 * 256) {
            throw new IllegalArgumentException("at most " + 254 * 256 + " nodes fit one loopback /16");
        }
        if (kubeletPort < 0 || kubeletPort > 65535) {
            throw new IllegalArgumentException("kubeletPort must be 0..65535, got " + kubeletPort);
        }
        if (timeCompression <= 0) {
            throw new IllegalArgumentException("timeCompression must be > 0, got " + timeCompression);
        }
        if (podLoopbackBase == 0) {
            podLoopbackBase = loopbackBase == 254 ? 253 : loopbackBase + 1;
        }
        if (podLoopbackBase < 1 || podLoopbackBase > 254 || podLoopbackBase == loopbackBase) {
            throw new IllegalArgumentException("podLoopbackBase must be 1..254 and differ from loopbackBase "
                    + loopbackBase + ", got " + podLoopbackBase);
        }
        if (podsPerNode < 0) {
            throw new IllegalArgumentException("podsPerNode must be >= 0, got " + podsPerNode);
        }
        deployments = List.copyOf(deployments);
        if (podNameSuffixes == null) {
            podNameSuffixes = () -> PodNames.suffix(5);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A loopback base no other run is likely to use (tests run in parallel on one machine). */
    public static int randomLoopbackBase() {
        return ThreadLocalRandom.current().nextInt(10, 250);
    }

    public static final class Builder {
        private String nodeNamePrefix = "sim-node";
        private int nodeCount = 3;
        private long nodeCpuMillicores = 4000;
        private long nodeMemoryBytes = 16L << 30;
        private int loopbackBase = 1;
        private int kubeletPort = 10250;
        private boolean kubeletWildcardBind;
        private String kubeletBearerToken;
        private int podsPerNode;
        private boolean fillerPodsInApi = true;
        private final List<DeploymentSpec> deployments = new ArrayList<>();
        private double timeCompression = 1.0;
        private Duration reconcileInterval = Duration.ofMillis(500);
        private Clock clock = Clock.systemUTC();
        private Path workDir;
        private int kubeletIoThreads = 2;
        private int podLoopbackBase;
        private Supplier<String> podNameSuffixes;

        public Builder nodeNamePrefix(String v) { nodeNamePrefix = v; return this; }
        public Builder nodeCount(int v) { nodeCount = v; return this; }
        public Builder nodeCpuMillicores(long v) { nodeCpuMillicores = v; return this; }
        public Builder nodeMemoryBytes(long v) { nodeMemoryBytes = v; return this; }
        public Builder loopbackBase(int v) { loopbackBase = v; return this; }
        public Builder kubeletPort(int v) { kubeletPort = v; return this; }
        public Builder kubeletWildcardBind(boolean v) { kubeletWildcardBind = v; return this; }
        public Builder kubeletBearerToken(String v) { kubeletBearerToken = v; return this; }
        public Builder podsPerNode(int v) { podsPerNode = v; return this; }
        public Builder fillerPodsInApi(boolean v) { fillerPodsInApi = v; return this; }
        public Builder deployment(DeploymentSpec v) { deployments.add(v); return this; }
        public Builder deployments(List<DeploymentSpec> v) { deployments.addAll(v); return this; }
        public Builder timeCompression(double v) { timeCompression = v; return this; }
        public Builder reconcileInterval(Duration v) { reconcileInterval = v; return this; }
        public Builder clock(Clock v) { clock = v; return this; }
        public Builder workDir(Path v) { workDir = v; return this; }
        public Builder kubeletIoThreads(int v) { kubeletIoThreads = v; return this; }
        public Builder podLoopbackBase(int v) { podLoopbackBase = v; return this; }
        public Builder podNameSuffixes(Supplier<String> v) { podNameSuffixes = v; return this; }

        public SimulatorSettings build() {
            return new SimulatorSettings(nodeNamePrefix, nodeCount, nodeCpuMillicores, nodeMemoryBytes, loopbackBase,
                    kubeletPort, kubeletWildcardBind, kubeletBearerToken, podsPerNode, fillerPodsInApi, deployments,
                    timeCompression, reconcileInterval, clock, workDir, kubeletIoThreads, podLoopbackBase,
                    podNameSuffixes);
        }
    }
}
