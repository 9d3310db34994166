package dev.scalebus.bench.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Monte-Carlo model of the time from a load step to the /scale call, for the upstream pipeline (metrics-server
 * scraping every {@code resolution}, the HPA controller syncing every {@code syncPeriod}, each loop at its own random
 * phase) and for scalebus (the collector scraping every {@code resolution}, the autoscaler evaluating each scrape as
 * it arrives, {@code pipelineMillis} later), on the same workload: seed 000's eladmin-web, one pod, CPU request 50m,
 * idle 1m, 400 req/s x 1 millicore-second after the step (401m = 802 %), target 80 % utilization, tolerance 0.1.
 *
 * <p>Assumptions (each one what the upstream code or its defaults do, simplified):
 * <ul>
 *   <li>The CPU figure of a scrape is the rate between the counter timestamps of two consecutive scrapes
 *       (metrics-server pkg/storage; scalebus's RateTracker), so the first scrape after the step sees the load only
 *       for the part of its window after the step.</li>
 *   <li>Counter timestamps: with {@code housekeeping} = 0 the counter is read at the scrape (the cluster-simulator's
 *       kubelets, what the measured figure uses); otherwise the kubelet serves cAdvisor's latest housekeeping
 *       sample, taken every {@code housekeeping} at a random phase (kubelet default 10 s; dynamic housekeeping and
 *       cAdvisor's jitter are left out).</li>
 *   <li>Utilization = integer percent of usage over request (replica_calculator's int64 arithmetic); scale when
 *       utilization / target &gt; 1 + tolerance. One pod, so any such step scales (seed: 1 -&gt; 3).</li>
 *   <li>Upstream: a scrape's point is in metrics-server the moment it is taken (scrape latency ~ms); an HPA sync
 *       uses the newest point; the /scale call is at that sync. scalebus: the /scale call is {@code pipelineMillis}
 *       after the scrape (Kafka, evaluation, the write); the sync-period re-evaluation adds nothing here.</li>
 * </ul>
 * Prints {@code RESULT model.<pipeline>.<kubelet>.p50Seconds} / {@code p99Seconds} / {@code meanSeconds}.
 *
 * <p>Args: resolutionSeconds syncPeriodSeconds housekeepingSeconds pipelineMillis trials
 */
public final class ReactionModel {

    static final double IDLE_MILLICORES = 1;
    static final double LOADED_MILLICORES = 401;
    static final double REQUEST_MILLICORES = 50;
    static final double TARGET_PERCENT = 80;
    static final double TOLERANCE = 0.1;

    private final double resolution;
    private final double sync;
    private final double housekeeping;
    private final double pipeline;

    ReactionModel(double resolution, double sync, double housekeeping, double pipeline) {
        this.resolution = resolution;
        this.sync = sync;
        this.housekeeping = housekeeping;
        this.pipeline = pipeline;
    }

    public static void main(String[] args) {
        double resolution = Double.parseDouble(args[0]);
        double sync = Double.parseDouble(args[1]);
        double housekeeping = Double.parseDouble(args[2]);
        double pipeline = Double.parseDouble(args[3]) / 1000;
        int trials = Integer.parseInt(args[4]);
        for (double hk : new double[] {0, housekeeping}) {
            ReactionModel model = new ReactionModel(resolution, sync, hk, pipeline);
            String kubelet = hk == 0 ? "counterAtScrape" : "cadvisor";
            double[] upstream = new double[trials];
            double[] scalebus = new double[trials];
            SplittableRandom random = new SplittableRandom(42);
            for (int i = 0; i < trials; i++) {
                double scrapePhase = random.nextDouble() * resolution;
                double syncPhase = random.nextDouble() * sync;
                double housekeepingPhase = hk == 0 ? 0 : random.nextDouble() * hk;
                upstream[i] = model.upstream(scrapePhase, syncPhase, housekeepingPhase);
                scalebus[i] = model.scalebus(scrapePhase, housekeepingPhase);
            }
            print("upstream", kubelet, upstream);
            print("scalebus", kubelet, scalebus);
        }
    }

    private static void print(String pipeline, String kubelet, double[] samples) {
        Arrays.sort(samples);
        double mean = Arrays.stream(samples).average().orElse(Double.NaN);
        String key = "RESULT model." + pipeline + "." + kubelet;
        System.out.printf(Locale.ROOT, "%s.p50Seconds %.1f%n", key, samples[samples.length / 2]);
        System.out.printf(Locale.ROOT, "%s.p99Seconds %.1f%n", key,
                samples[(int) Math.ceil(0.99 * samples.length) - 1]);
        System.out.printf(Locale.ROOT, "%s.meanSeconds %.1f%n", key, mean);
    }

    /** Seconds from the step (t = 0) to the first HPA sync whose newest metric asks for more replicas. */
    double upstream(double scrapePhase, double syncPhase, double housekeepingPhase) {
        for (int i = 0; ; i++) {
            double syncTime = syncPhase + i * sync;
            // the newest scrape at or before this sync
            double newest = scrapePhase + Math.floor((syncTime - scrapePhase) / resolution) * resolution;
            if (newest > 0 && scales(newest, housekeepingPhase)) {
                return syncTime;
            }
        }
    }

    /** Seconds from the step to the /scale call of the first scrape whose rate asks for more replicas. */
    double scalebus(double scrapePhase, double housekeepingPhase) {
        for (int j = 0; ; j++) {
            double scrape = scrapePhase + j * resolution;
            if (scales(scrape, housekeepingPhase)) {
                return scrape + pipeline;
            }
        }
    }

    /** Whether the rate between the scrape at {@code scrape} and the one before it scales the one pod up. */
    boolean scales(double scrape, double housekeepingPhase) {
        double to = counterTime(scrape, housekeepingPhase);
        double from = counterTime(scrape - resolution, housekeepingPhase);
        if (to <= from) {
            return false; // the same housekeeping sample twice: no new rate
        }
        double loaded = Math.max(0, to - Math.max(0, from)) / (to - from);
        double usage = IDLE_MILLICORES + (LOADED_MILLICORES - IDLE_MILLICORES) * loaded;
        long utilization = (long) Math.floor(usage * 100 / REQUEST_MILLICORES);
        return utilization / TARGET_PERCENT > 1 + TOLERANCE;
    }

    private double counterTime(double at, double housekeepingPhase) {
        if (housekeeping == 0) {
            return at;
        }
        return housekeepingPhase + Math.floor((at - housekeepingPhase) / housekeeping) * housekeeping;
    }
}
