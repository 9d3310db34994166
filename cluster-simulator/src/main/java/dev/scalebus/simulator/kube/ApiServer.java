package dev.scalebus.simulator.kube;

import dev.scalebus.simulator.tls.CertificateAuthority;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.logging.Level;

/**
 * The simulated Kubernetes API server: the fabric8 mock server in CRUD mode on 127.0.0.1 (random port), behind
 * {@link ApiServerDispatcher}; writes a kubeconfig that kubectl and fabric8/Quarkus clients can use.
 * Plain HTTP: the mock's generated self-signed certificate has no subject alternative names, so no verifying client
 * accepts it; the server only listens on loopback.
 */
public final class ApiServer implements AutoCloseable {

    public static final String ADMIN_USER = "scalebus-admin";
    private final KubernetesMockServer server;
    private final KubeStore store;
    private final ApiServerDispatcher dispatcher;
    private final FrontProxyCredentials frontProxy = new FrontProxyCredentials();
    private final Path kubeconfig;
    private final KubernetesClient client;
    private io.vertx.core.Vertx clientVertx;

    public ApiServer(Path workDir) {
        // the mock server logs every request at INFO through java.util.logging
        java.util.logging.Logger.getLogger(MockWebServer.class.getName()).setLevel(Level.WARNING);
        KubernetesCrudDispatcher crud = new KubernetesCrudDispatcher(List.of());
        this.store = new KubeStore(crud);
        this.dispatcher = new ApiServerDispatcher(crud, store);
        dispatcher.aggregator(new AggregatorProxy(store, frontProxy, ADMIN_USER,
                List.of("system:masters", "system:authenticated")));
        this.server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(),
                new HashMap<>(), dispatcher, false);
        server.start(InetAddress.getLoopbackAddress(), 0);
        try {
            Files.createDirectories(workDir);
            CertificateAuthority.write(workDir.resolve("front-proxy-ca.crt"),
                    CertificateAuthority.toPem(frontProxy.ca().certificate()));
            this.kubeconfig = workDir.resolve("kubeconfig");
            Files.writeString(kubeconfig, kubeconfigYaml(url()));
            // an own Vert.x for the client, closed with it (the factory's default one outlives client.close())
            this.clientVertx = io.vertx.core.Vertx.vertx();
            this.client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(kubeconfig)))
                    .withHttpClientFactory(new io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory(clientVertx))
                    .build();
        } catch (IOException e) {
            server.shutdown();
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    public KubeStore store() {
        return store;
    }

    public KubernetesClient client() {
        return client;
    }

    public Path kubeconfig() {
        return kubeconfig;
    }

    public FrontProxyCredentials frontProxy() {
        return frontProxy;
    }

    static String kubeconfigYaml(String url) {
        return "apiVersion: v1\nkind: Config\nclusters:\n- name: scalebus-sim\n  cluster:\n    server: " + url
                + "\ncontexts:\n- name: scalebus-sim\n  context:\n"
                + "    cluster: scalebus-sim\n    user: " + ADMIN_USER + "\n    namespace: default\n"
                + "current-context: scalebus-sim\nusers:\n- name: " + ADMIN_USER + "\n  user:\n"
                + "    token: scalebus-simulator-admin-token\n";
    }

    @Override
    public void close() {
        client.close();
        clientVertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS)
                .exceptionally(e -> null).join();
        server.shutdown();
    }
}
