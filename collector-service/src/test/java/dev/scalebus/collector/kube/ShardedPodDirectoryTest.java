package dev.scalebus.collector.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scalebus.collector.config.Settings;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.HashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A sharded collector watches pods per owned node (field selector spec.nodeName) and holds only those; informers
 * follow node ownership. Against the fabric8 mock API server in CRUD mode. That mock evaluates field selectors on
 * metadata.name/namespace only (a real API server also on a pod's spec.nodeName), so a dispatcher in front of it
 * records every spec.nodeName selector the collector sends and answers it as the equivalent selector on a test
 * label carrying the node name.
 */
class ShardedPodDirectoryTest {

    private static final String NODE_LABEL = "test.scalebus.dev/node";

    private final Set<String> fieldSelectedNodes = ConcurrentHashMap.newKeySet();
    private KubernetesMockServer server;
    private KubernetesClient client;
    private NodeDiscovery nodes;
    private PodDirectory pods;

    @BeforeEach
    void startApiServer() {
        Dispatcher crud = new KubernetesCrudDispatcher();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                Matcher m = NODE_FIELD.matcher(request.getPath());
                if (!m.find()) {
                    return crud.dispatch(request);
                }
                fieldSelectedNodes.add(m.group(1));
                String path = m.replaceFirst("labelSelector=" + NODE_LABEL.replace("/", "%2F") + "%3D" + m.group(1));
                return crud.dispatch(new RecordedRequest(request.getHttpVersion(), request.method(), path,
                        request.getHeaders(), request.getBody()));
            }
        }, false);
        server.init();
        client = server.createClient();
    }

    private static final Pattern NODE_FIELD = Pattern.compile("fieldSelector=spec\\.nodeName(?:%3D|=)([a-z0-9.-]+)");

    @AfterEach
    void stop() {
        pods.stop();
        nodes.stop();
        client.close();
        server.destroy();
    }

    @Test
    void aShardHoldsOnlyThePodsOfItsOwnNodesAndFollowsNodeChanges() {
        List<String> names = IntStream.range(0, 8).mapToObj(i -> "node-" + i).toList();
        names.forEach(this::createNode);
        names.forEach(n -> createPod(n, "app-on-" + n));
        Set<String> owned = names.stream().filter(n -> ShardAssignment.shardOf(n, 3) == 1).collect(Collectors.toSet());
        assertThat(owned).isNotEmpty().hasSizeLessThan(names.size());

        start(1, 3);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(pods.synced()).isTrue();
            assertThat(pods.watchedNodes()).isEqualTo(owned);
            assertThat(fieldSelectedNodes).as("pods requested by spec.nodeName").isEqualTo(owned);
            assertThat(pods.pods()).extracting(p -> p.getSpec().getNodeName())
                    .containsExactlyInAnyOrderElementsOf(owned);
        });
        String mine = owned.iterator().next();
        String foreign = names.stream().filter(n -> !owned.contains(n)).findFirst().orElseThrow();
        assertThat(pods.lookup(mine, "shop", "app-on-" + mine)).isPresent();
        assertThat(pods.lookup(foreign, "shop", "app-on-" + foreign)).isEmpty();
        assertThat(pods.appTargets()).extracting(AppPodTarget::nodeName).containsExactlyInAnyOrderElementsOf(owned);

        String added = IntStream.range(8, 100).mapToObj(i -> "node-" + i)
                .filter(n -> ShardAssignment.shardOf(n, 3) == 1).findFirst().orElseThrow();
        createNode(added);
        createPod(added, "app-on-" + added);
        client.nodes().withName(mine).delete();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(pods.watchedNodes()).contains(added).doesNotContain(mine);
            assertThat(pods.lookup(added, "shop", "app-on-" + added)).isPresent();
            assertThat(pods.pods()).extracting(p -> p.getSpec().getNodeName()).doesNotContain(mine)
                    .allMatch(n -> ShardAssignment.shardOf(n, 3) == 1);
        });
    }

    @Test
    void unshardedKeepsOneClusterWideInformer() {
        createNode("solo-a");
        createPod("solo-a", "p1");
        createPod("elsewhere", "p2");

        start(0, 1);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(pods.synced()).isTrue();
            assertThat(pods.pods()).extracting(p -> p.getMetadata().getName()).contains("p1", "p2");
        });
        assertThat(pods.watchedNodes()).isEmpty();
        assertThat(fieldSelectedNodes).as("no per-node requests unsharded").isEmpty();
        assertThat(pods.lookup("any", "shop", "p2")).map(PodInfo::nodeName).isEqualTo(Optional.of("elsewhere"));
    }

    private void start(int index, int count) {
        Settings d = Settings.defaults();
        Settings sharded = new Settings(d.metricResolution(), d.kubeletPreferredAddressTypes(), d.kubeletPort(),
                true, false, Optional.empty(), Optional.empty(), Optional.empty(), d.kubeletRequestTimeout(),
                Optional.empty(), d.scrapePath(), 64, Optional.of(index), count, d.publishBufferBytes(),
                d.publishShutdownTimeout(), d.tokenFile(), d.maxBodyBytes());
        nodes = new NodeDiscovery(client, sharded);
        pods = new PodDirectory(client, nodes);
        nodes.start(null);
        pods.start(null);
    }

    private void createNode(String name) {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
    }

    private void createPod(String node, String name) {
        Pod pod = new PodBuilder().withNewMetadata().withNamespace("shop").withName(name)
                .withLabels(Map.of(NODE_LABEL, node))
                .withAnnotations(Map.of("prometheus.io/scrape", "true", "prometheus.io/port", "8080")).endMetadata()
                .withNewSpec().withNodeName(node).addNewContainer().withName("app").endContainer().endSpec()
                .withNewStatus().withPhase("Running").withPodIP("10.0.0.1").endStatus().build();
        client.pods().inNamespace("shop").resource(pod).create();
    }
}
