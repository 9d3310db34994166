package dev.scalebus.bench;

import dev.scalebus.collector.rate.RateTracker;
import dev.scalebus.collector.scrape.KubeletSnapshot;
import dev.scalebus.collector.scrape.NodeScrapeAssembler;
import dev.scalebus.collector.scrape.OnceLog;
import dev.scalebus.collector.scrape.ResourceMetricsDecoder;
import dev.scalebus.collector.scrape.ScrapeException;
import dev.scalebus.collector.scrape.SummaryDecoder;
import dev.scalebus.events.EventJson;
import dev.scalebus.events.NodeScrape;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
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
 * The collector's work per node scrape, without the network: decode of real kubelet answers and of a synthetic
 * node, and the whole per-node path (decode, rates, enrichment, NodeScrape JSON for Kafka). Average time per
 * operation = CPU per node scrape on one core (the benchmark is single-threaded).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CollectorBench {

    /** Consecutive rounds of the synthetic node kept ready; the rate tracker is reset when they run out. */
    private static final int ROUNDS = 64;

    @Param({"30"})
    public int pods;

    private String kindWorker;
    private byte[] summary;
    private String[] synthetic;
    private RateTracker rates;
    private NodeScrapeAssembler assembler;
    private int round;
    private final Instant requestTime = Instant.parse("2024-01-09T16:00:00Z");

    @Setup
    public void setUp() {
        kindWorker = new String(Payloads.bytes(Payloads.KIND_WORKER_METRICS_RESOURCE), StandardCharsets.UTF_8);
        summary = Payloads.bytes(Payloads.SUMMARY_1_35);
        synthetic = new String[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            synthetic[r] = SyntheticNode.metricsResource("bench-node-0", pods, r);
        }
        newTracker();
    }

    private void newTracker() {
        rates = new RateTracker(Duration.ofSeconds(15));
        assembler = Assemblers.create(rates, SyntheticNode.podDirectory("bench-node-0", pods), new OnceLog());
        round = 0;
    }

    @Benchmark
    public KubeletSnapshot decodeMetricsResourceKindWorker() throws ScrapeException {
        return ResourceMetricsDecoder.decode(kindWorker, requestTime);
    }

    @Benchmark
    public KubeletSnapshot decodeStatsSummary135() throws ScrapeException {
        return SummaryDecoder.decode(summary);
    }

    @Benchmark
    public KubeletSnapshot decodeMetricsResourceSynthetic() throws ScrapeException {
        return ResourceMetricsDecoder.decode(synthetic[0], requestTime);
    }

    /** decode + rates + enrichment + NodeScrape JSON: everything the collector does per node except HTTP/Kafka. */
    @Benchmark
    public byte[] nodeScrapePipelineSynthetic() throws ScrapeException {
        if (round == ROUNDS) {
            newTracker();
        }
        int r = round++;
        KubeletSnapshot snapshot = ResourceMetricsDecoder.decode(synthetic[r], SyntheticNode.time(r));
        NodeScrape scrape = assembler.assemble("bench-node-0", NodeScrape.SOURCE_METRICS_RESOURCE,
                SyntheticNode.time(r), 3, snapshot);
        return EventJson.toBytes(scrape);
    }
}
