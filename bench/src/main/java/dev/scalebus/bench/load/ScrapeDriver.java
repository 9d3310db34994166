package dev.scalebus.bench.load;

import dev.scalebus.bench.Assemblers;
import dev.scalebus.collector.kube.NodeTarget;
import dev.scalebus.collector.kubelet.JdkKubeletClient;
import dev.scalebus.collector.kubelet.KubeletClient;
import dev.scalebus.collector.kubelet.KubeletTls;
import dev.scalebus.collector.kubelet.TokenSource;
import dev.scalebus.collector.rate.RateTracker;
import dev.scalebus.collector.scrape.NodeScrapeAssembler;
import dev.scalebus.collector.scrape.OnceLog;
import dev.scalebus.collector.scrape.ResourceMetricsDecoder;
import dev.scalebus.events.EventJson;
import dev.scalebus.events.NodeScrape;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scrapes every simulated kubelet's {@code /metrics/resource} over HTTPS the way the collector does: its
 * {@link JdkKubeletClient} (JDK HttpClient, keep-alive, CA-verified TLS) with at most {@code concurrency} requests in
 * flight, each answer decoded, turned into rates and a NodeScrape and serialized to the Kafka JSON on a decode pool
 * (only the Kafka send is left out). Measures, after {@code warmupCycles} unmeasured cycles, node scrapes per second
 * and this process's CPU (OperatingSystemMXBean) per 1,000 node scrapes.
 *
 * <p>Args: dir seconds intervalSeconds(0 = back to back) concurrency warmupCycles
 */
public final class ScrapeDriver {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        double seconds = Double.parseDouble(args[1]);
        double interval = Double.parseDouble(args[2]);
        int concurrency = Integer.parseInt(args[3]);
        int warmupCycles = Integer.parseInt(args[4]);
        List<NodeTarget> targets = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("targets.txt"))) {
            int colon = line.lastIndexOf(':');
            targets.add(new NodeTarget("node-" + targets.size(), line.substring(0, colon),
                    Integer.parseInt(line.substring(colon + 1)), "/metrics/resource"));
        }
        int cores = Runtime.getRuntime().availableProcessors();
        ExecutorService http = Executors.newFixedThreadPool(Math.max(4, 2 * cores), daemon());
        ExecutorService decode = Executors.newFixedThreadPool(Math.max(2, cores), daemon());
        KubeletClient client = new JdkKubeletClient(KubeletTls.verifiedBy(dir.resolve("ca.pem")),
                new TokenSource(dir.resolve("no-token")), Duration.ofSeconds(10), 16 << 20, http, Clock.systemUTC());
        ScrapeDriver driver = new ScrapeDriver(client, decode, targets, concurrency,
                interval > 0 ? interval : 15);
        for (int i = 0; i < warmupCycles; i++) {
            driver.cycle();
        }
        driver.ok.set(0);
        driver.failed.set(0);
        double cpu0 = ProcessCpu.selfSeconds();
        long t0 = System.nanoTime();
        long end = t0 + (long) (seconds * 1e9);
        // paced: whole intervals, one cycle starting at each; max: cycles back to back until the time is up
        long pacedCycles = interval > 0 ? Math.max(1, Math.round(seconds / interval)) : Long.MAX_VALUE;
        int cycles = 0;
        double slowestCycle = 0;
        while (interval > 0 ? cycles < pacedCycles : System.nanoTime() < end || cycles == 0) {
            long c0 = System.nanoTime();
            driver.cycle();
            cycles++;
            slowestCycle = Math.max(slowestCycle, (System.nanoTime() - c0) / 1e9);
            long next = c0 + (long) (interval * 1e9);
            while (interval > 0 && System.nanoTime() < next) {
                Thread.sleep(Math.max(1, (next - System.nanoTime()) / 1_000_000));
            }
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = ProcessCpu.selfSeconds() - cpu0;
        long ok = driver.ok.get();
        String mode = interval > 0 ? "paced" : "max";
        System.out.printf(java.util.Locale.ROOT, "scalebus %s: %d targets, %d cycles, %d ok, %d failed in %.1f s, "
                + "cpu %.2f s, slowest cycle %.2f s%n", mode, targets.size(), cycles, ok, driver.failed.get(), wall,
                cpu, slowestCycle);
        System.out.printf(java.util.Locale.ROOT, "RESULT scalebus.%s.targets %d%n", mode, targets.size());
        System.out.printf(java.util.Locale.ROOT, "RESULT scalebus.%s.scrapes %d%n", mode, ok);
        System.out.printf(java.util.Locale.ROOT, "RESULT scalebus.%s.failed %d%n", mode, driver.failed.get());
        System.out.printf(java.util.Locale.ROOT, "RESULT scalebus.%s.scrapesPerSecond %.1f%n", mode, ok / wall);
        System.out.printf(java.util.Locale.ROOT, "RESULT scalebus.%s.cpuSecondsPer1000Scrapes %.3f%n", mode,
                cpu / ok * 1000);
        System.out.printf(java.util.Locale.ROOT, "RESULT scalebus.%s.slowestCycleSeconds %.2f%n", mode, slowestCycle);
        if (ok == 0 || driver.failed.get() * 100 > ok) { // more than 1 % failed: not a measurement of scraping
            System.exit(2);
        }
        System.exit(0);
    }

    private final KubeletClient client;
    private final ExecutorService decode;
    private final List<NodeTarget> targets;
    private final Semaphore slots;
    private final NodeScrapeAssembler assembler;
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong jsonBytes = new AtomicLong();

    private ScrapeDriver(KubeletClient client, ExecutorService decode, List<NodeTarget> targets, int concurrency,
            double resolutionSeconds) {
        this.client = client;
        this.decode = decode;
        this.targets = targets;
        this.slots = new Semaphore(concurrency);
        this.assembler = Assemblers.create(new RateTracker(Duration.ofMillis((long) (resolutionSeconds * 1000))),
                (namespace, name) -> Optional.empty(), new OnceLog());
    }

    /** One scrape of every target; returns when all answered or failed. */
    private void cycle() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(targets.size());
        for (NodeTarget target : targets) {
            slots.acquire();
            client.fetch(target).whenCompleteAsync((response, failure) -> {
                slots.release();
                try {
                    if (failure != null) {
                        if (failed.incrementAndGet() <= 3) {
                            System.err.println("scrape of " + target + " failed: " + failure);
                        }
                        return;
                    }
                    NodeScrape scrape = assembler.assemble(target.nodeName(), target.path(), response.requestTime(),
                            response.durationMillis(), ResourceMetricsDecoder.decode(
                                    new String(response.body(), StandardCharsets.UTF_8), response.requestTime()));
                    jsonBytes.addAndGet(EventJson.toBytes(scrape).length);
                    ok.incrementAndGet();
                } catch (Exception e) {
                    if (failed.incrementAndGet() <= 3) {
                        System.err.println("decode of " + target + " failed: " + e);
                    }
                } finally {
                    done.countDown();
                }
            }, decode);
        }
        done.await();
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        return r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        };
    }
}
