package dev.scalebus.simulator;

import dev.scalebus.simulator.kube.ApiServer;
import dev.scalebus.simulator.kube.ClusterSeeder;
import dev.scalebus.simulator.kube.AggregatorProxy;
import dev.scalebus.simulator.kube.DeploymentController;
import dev.scalebus.simulator.kube.PodRegistry;
import dev.scalebus.simulator.kube.Scheduler;
import dev.scalebus.simulator.kube.WorkloadCatalog;
import dev.scalebus.simulator.kubelet.KubeletBehaviour;
import dev.scalebus.simulator.kubelet.KubeletServer;
import dev.scalebus.simulator.kubelet.SimNode;
import dev.scalebus.simulator.podmetrics.PodMetricsServers;
import dev.scalebus.simulator.tls.CertificateAuthority;
import dev.scalebus.simulator.workload.DeploymentWorkload;
import dev.scalebus.simulator.workload.LoadProfile;
import dev.scalebus.simulator.workload.SimPod;
import dev.scalebus.simulator.workload.WorkloadSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * A whole simulated cluster in-process: HTTPS kubelets on loopback addresses, a Kubernetes API server (fabric8 CRUD
 * mock) with nodes, deployments, replicasets and pods kept in step by the simulator's controller, and a load model
 * per deployment. Plain Java: other modules' tests start it with {@link #start(SimulatorSettings)}.
 */
public final class SimulatedCluster implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SimulatedCluster.class);

    private final SimulatorSettings settings;
    private final Path workDir;
    private final Path kubeletCaFile;
    private final List<SimNode> nodes;
    private final Map<String, SimNode> nodesByName;
    private final KubeletServer kubelets;
    private final PodMetricsServers podMetrics;
    private final ApiServer apiServer;
    private final DeploymentController controller;
    private final ScheduledExecutorService loop;

    private SimulatedCluster(SimulatorSettings settings) {
        this.settings = settings;
        Instant now = settings.clock().instant();
        this.workDir = workDir(settings);
        CertificateAuthority kubeletCa = CertificateAuthority.create("scalebus-simulator-kubelet-ca");
        this.kubeletCaFile = workDir.resolve("kubelet-ca.crt");
        kubeletCa.writeCertificatePem(kubeletCaFile);
        this.nodes = createNodes(settings, now);
        this.nodesByName = nodes.stream().collect(Collectors.toMap(SimNode::name, Function.identity()));
        this.kubelets = new KubeletServer(kubeletCa, settings.kubeletBearerToken(), settings.clock(),
                settings.kubeletIoThreads());
        this.podMetrics = new PodMetricsServers(settings.podLoopbackBase(), settings.clock());
        ApiServer api = null;
        try {
            nodes.forEach(kubelets::register);
            listen();
            api = new ApiServer(workDir);
            this.apiServer = api;
            PodRegistry podIps = new PodRegistry();
            ClusterSeeder.seed(apiServer.store(), settings, nodes, now, podIps);
            this.controller = new DeploymentController(apiServer.store(), new Scheduler(nodes), settings.clock(),
                    catalog(settings), now, settings.timeCompression(), podIps, podMetrics, settings.podNameSuffixes());
            controller.reconcile();
        } catch (RuntimeException e) {
            kubelets.close();
            podMetrics.close();
            if (api != null) {
                api.close();
            }
            throw e;
        }
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "scalebus-sim-controller");
            t.setDaemon(true);
            return t;
        });
        long periodMillis = Math.max(10, settings.reconcileInterval().toMillis());
        loop.scheduleWithFixedDelay(this::reconcileQuietly, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        LOG.infof("simulated cluster up: %d nodes on 127.%d.x.y, pod metrics endpoints on 127.%d.x.y, API server %s,"
                + " kubeconfig %s", nodes.size(), settings.loopbackBase(), settings.podLoopbackBase(), apiServer.url(),
                apiServer.kubeconfig());
    }

    public static SimulatedCluster start(SimulatorSettings settings) {
        return new SimulatedCluster(settings);
    }

    private static Path workDir(SimulatorSettings settings) {
        try {
            return settings.workDir() != null ? Files.createDirectories(settings.workDir())
                    : Files.createTempDirectory("scalebus-sim-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<SimNode> createNodes(SimulatorSettings s, Instant now) {
        List<SimNode> result = new ArrayList<>(s.nodeCount());
        for (int i = 0; i < s.nodeCount(); i++) {
            result.add(new SimNode(s.nodeNamePrefix() + "-" + i, nodeAddress(s.loopbackBase(), i), s.kubeletPort(),
                    s.nodeCpuMillicores(), s.nodeMemoryBytes(), now));
        }
        return result;
    }

    static InetAddress nodeAddress(int base, int index) {
        try {
            return InetAddress.getByAddress(new byte[] {127, (byte) base, (byte) (index / 254), (byte) (index % 254 + 1)});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private void listen() {
        if (settings.kubeletWildcardBind()) {
            int port = kubelets.listen(wildcard(), settings.kubeletPort());
            nodes.forEach(n -> n.kubeletPort(port));
        } else {
            nodes.forEach(n -> n.kubeletPort(kubelets.listen(n.address(), settings.kubeletPort())));
        }
    }

    private static InetAddress wildcard() {
        try {
            return InetAddress.getByName("0.0.0.0");
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static WorkloadCatalog catalog(SimulatorSettings settings) {
        Map<String, DeploymentSpec> byName = settings.deployments().stream()
                .collect(Collectors.toMap(d -> d.namespace() + "/" + d.name(), Function.identity(), (a, b) -> b));
        return (ns, name) -> {
            DeploymentSpec d = byName.get(ns + "/" + name);
            return d == null ? new WorkloadCatalog.Entry(WorkloadSpec.DEFAULT, new LoadProfile.Constant(0))
                    : new WorkloadCatalog.Entry(d.workload(), d.profile());
        };
    }

    private void reconcileQuietly() {
        try {
            controller.reconcile();
        } catch (RuntimeException e) {
            LOG.infof("simulator reconcile failed: %s", e.toString());
        }
    }

    /** A fabric8 client for the simulated API server (closed with the cluster). */
    public KubernetesClient client() {
        return apiServer.client();
    }

    /** A kubeconfig file for kubectl and fabric8/Quarkus clients (embedded CA, a token the mock ignores). */
    public Path kubeconfig() {
        return apiServer.kubeconfig();
    }

    public String apiServerUrl() {
        return apiServer.url();
    }

    /** PEM CA that signed every kubelet serving certificate (node IP as IP SAN, node name as DNS SAN). */
    public Path kubeletCaFile() {
        return kubeletCaFile;
    }

    /** PEM CA of the aggregator's front-proxy client certificate (a served API's --requestheader-client-ca-file). */
    public Path frontProxyCaFile() {
        return workDir.resolve("front-proxy-ca.crt");
    }

    public Path workDir() {
        return workDir;
    }

    public SimulatorSettings settings() {
        return settings;
    }

    public List<NodeEndpoint> nodes() {
        return nodes.stream().map(n -> new NodeEndpoint(n.name(), n.address().getHostAddress(), n.kubeletPort()))
                .toList();
    }

    /** The live pods of a deployment (including terminating ones) as the kubelets see them. */
    public List<SimPod> pods(String namespace, String deployment) {
        DeploymentWorkload w = workload(namespace, deployment);
        return List.copyOf(w.pods());
    }

    /** Runs one controller pass now (the loop also runs every reconcileInterval). */
    public void reconcileNow() {
        controller.reconcile();
    }

    /** Restarts a container: its CPU counter and start time reset (the pod's and node's counters keep going). */
    public void restartContainer(String namespace, String podName, String containerName) {
        SimPod pod = nodes.stream().flatMap(n -> n.pods().stream())
                .filter(p -> p.namespace().equals(namespace) && p.name().equals(podName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no pod " + namespace + "/" + podName));
        pod.restartContainer(containerName, settings.clock().instant());
        controller.publishPodStatus(pod, nodesByName.get(pod.nodeName()));
        LOG.infof("container %s/%s/%s restarted", namespace, podName, containerName);
    }

    /** Replaces a deployment's load with a constant request rate (requests per second) from now on. */
    public void setRequestRate(String namespace, String deployment, double requestsPerSecond) {
        setLoadProfile(namespace, deployment, new LoadProfile.Constant(requestsPerSecond));
    }

    public void setLoadProfile(String namespace, String deployment, LoadProfile profile) {
        workload(namespace, deployment).setProfile(profile, settings.clock().instant());
        LOG.infof("load of %s/%s set to %s", namespace, deployment, profile);
    }

    /** Replaces how a deployment's pods consume resources (and its ready delay / termination grace). */
    public void setWorkloadSpec(String namespace, String deployment, WorkloadSpec spec) {
        workload(namespace, deployment).setSpec(spec, settings.clock().instant());
    }

    public double requestRate(String namespace, String deployment) {
        return workload(namespace, deployment).requestsPerSecond(settings.clock().instant());
    }

    public DeploymentWorkload workload(String namespace, String deployment) {
        reconcileIfUnknown(namespace, deployment);
        DeploymentWorkload w = controller.workload(namespace, deployment);
        if (w == null) {
            throw new IllegalArgumentException("no deployment " + namespace + "/" + deployment);
        }
        return w;
    }

    private void reconcileIfUnknown(String namespace, String deployment) {
        if (controller.workload(namespace, deployment) == null) {
            controller.reconcile();
        }
    }

    /** Makes one node's kubelet misbehave (or behave again with NORMAL). */
    public void kubeletBehaviour(String nodeName, KubeletBehaviour behaviour) {
        SimNode node = nodesByName.get(nodeName);
        if (node == null) {
            throw new IllegalArgumentException("no node " + nodeName);
        }
        node.behaviour(behaviour);
        LOG.infof("kubelet %s behaviour %s", nodeName, behaviour);
    }

    /** Skews the clock of every kubelet by {@code offset} in the times they report (zero = right again). */
    public void kubeletClockOffset(Duration offset) {
        kubelets.clockOffset(offset);
        LOG.infof("kubelet clock offset %s", offset);
    }

    public Duration kubeletClockOffset() {
        return kubelets.clockOffset();
    }

    /**
     * Makes one pod's application metrics endpoint misbehave (or behave again with NORMAL); the pod must serve one
     * (its deployment announces prometheus.io/scrape "true").
     */
    public void podMetricsBehaviour(String namespace, String podName, KubeletBehaviour behaviour) {
        podMetrics.behaviour(namespace, podName, behaviour);
        LOG.infof("pod %s/%s metrics endpoint behaviour %s", namespace, podName, behaviour);
    }

    /** Where a pod serves its application metrics ({@code http://<podIP>:<port><path>}). */
    public URI podMetricsUrl(String namespace, String podName) {
        return podMetrics.url(namespace, podName);
    }

    public SimNode node(String nodeName) {
        return nodesByName.get(nodeName);
    }

    /**
     * Registers an aggregated API (an APIService for GROUP/VERSION) served at {@code serviceUrl}: requests under
     * /apis/GROUP/VERSION are then proxied there with front-proxy authentication. caBundlePem null = not verified.
     */
    public void registerApiService(String group, String version, URI serviceUrl, String caBundlePem) {
        String tls = caBundlePem == null ? "\"insecureSkipTLSVerify\":true"
                : "\"caBundle\":\"" + Base64.getEncoder().encodeToString(caBundlePem.getBytes()) + "\"";
        String body = "{\"apiVersion\":\"apiregistration.k8s.io/v1\",\"kind\":\"APIService\",\"metadata\":{\"name\":\""
                + version + "." + group + "\",\"annotations\":{\"" + AggregatorProxy.URL_ANNOTATION + "\":\"" + serviceUrl
                + "\"}},\"spec\":{\"group\":\"" + group + "\",\"version\":\"" + version
                + "\",\"groupPriorityMinimum\":100,\"versionPriority\":100,\"service\":{\"namespace\":\"kube-system\","
                + "\"name\":\"" + group.replace('.', '-') + "\",\"port\":443}," + tls + "}}";
        var response = apiServer.store().send(io.fabric8.mockwebserver.dsl.HttpMethod.POST,
                "/apis/apiregistration.k8s.io/v1/apiservices", "application/json", body);
        if (response.code() >= 300) {
            throw new IllegalStateException("cannot register APIService " + version + "." + group + ": HTTP "
                    + response.code());
        }
    }

    @Override
    public void close() {
        loop.shutdownNow();
        try {
            loop.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        podMetrics.close();
        kubelets.close();
        apiServer.close();
        if (settings.workDir() == null) {
            deleteQuietly(workDir);
        }
        LOG.infof("simulated cluster stopped");
    }

    /** The temp directory this cluster made for itself (kubeconfig, CA files) goes with it. */
    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debugf("cannot delete %s: %s", dir, e.getMessage());
        }
    }
}
