package dev.scalebus.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scalebus.events.NodeScrape;
import dev.scalebus.metricsapi.api.MetricsJson;
import dev.scalebus.metricsapi.selector.LabelSelector;
import dev.scalebus.metricsapi.window.MetricsWindow;
import dev.scalebus.metricsapi.window.PodKey;
import dev.scalebus.metricsapi.window.PodPoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The metrics API's window: taking one node's NodeScrape (30 pods) from Kafka, and answering a namespace list
 * with a label selector over ~1,000 pods and a single pod get, including the metrics.k8s.io JSON encoding
 * (the REST layer and TLS are not measured).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MetricsApiBench {

    private static final int ROUNDS = 32;

    /** Pods in the namespace; 30 per node. */
    @Param({"1000"})
    public int pods;

    private final ObjectMapper json = new ObjectMapper();
    private NodeScrape[][] scrapes;
    private int nodes;
    private Clock clock;
    private MetricsWindow ingestWindow;
    private int ingestIndex;
    private MetricsWindow queryWindow;
    private LabelSelector selector;
    private PodKey onePod;
    private int matched;

    @Setup
    public void setUp() {
        nodes = (pods + 29) / 30;
        scrapes = Scrapes.rounds(nodes, 30, ROUNDS);
        clock = Clock.fixed(SyntheticNode.time(ROUNDS), ZoneOffset.UTC);
        ingestWindow = newWindow();
        queryWindow = newWindow();
        for (NodeScrape s : scrapes[0]) {
            queryWindow.accept(s);
        }
        for (NodeScrape s : scrapes[1]) {
            queryWindow.accept(s);
        }
        selector = LabelSelector.parse("app in (web-1,web-3),tier=backend");
        onePod = new PodKey("bench", SyntheticNode.podName(Scrapes.node(0), 1));
        matched = (int) queryWindow.pods("bench").stream().filter(p -> selector.matches(p.labels())).count();
        listWithSelector();
        if (queryWindow.podCount() < pods || matched == 0 || queryWindow.pod(onePod).isEmpty()) {
            throw new IllegalStateException("window not filled: " + queryWindow.podCount() + " pods, " + matched
                    + " matched");
        }
    }

    private MetricsWindow newWindow() {
        return new MetricsWindow(clock, Duration.ofHours(2));
    }

    /** One NodeScrape (30 pods) into the window, cycling nodes then rounds (always newer than the last). */
    @Benchmark
    public int ingestNodeScrape() {
        if (ingestIndex == ROUNDS * nodes) {
            ingestWindow = newWindow();
            ingestIndex = 0;
        }
        int i = ingestIndex++;
        ingestWindow.accept(scrapes[i / nodes][i % nodes]);
        return ingestWindow.podCount();
    }

    /** GET /apis/metrics.k8s.io/v1beta1/namespaces/bench/pods?labelSelector=... as JSON bytes. */
    @Benchmark
    public byte[] listWithSelector() {
        Instant now = clock.instant();
        List<Map<String, Object>> items = new ArrayList<>();
        for (PodPoint p : queryWindow.pods("bench")) {
            if (selector.matches(p.labels())) {
                items.add(MetricsJson.pod(p, now, false));
            }
        }
        return bytes(MetricsJson.list("PodMetricsList", items));
    }

    /** GET .../namespaces/bench/pods/{name} as JSON bytes. */
    @Benchmark
    public byte[] getOnePod() {
        PodPoint p = queryWindow.pod(onePod).orElseThrow();
        return bytes(MetricsJson.pod(p, clock.instant(), true));
    }

    private byte[] bytes(Object o) {
        try {
            return json.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public int matched() {
        return matched;
    }
}
