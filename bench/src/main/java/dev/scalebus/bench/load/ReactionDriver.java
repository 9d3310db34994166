package dev.scalebus.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Autoscaler reaction time in seed-ab-load with the real collector and autoscaler-service running: from the load
 * step (the simulator's {@code PUT /load}, 0 -&gt; {@code stepRps} req/s on yuchao/eladmin-web) to the /scale call
 * (the Deployment's {@code spec.replicas} leaving 1, read from the simulated API server every 50 ms).
 *
 * <p>Each repeat, the first included, starts from the same state: 1 replica, quiet load, the autoscaler evaluated
 * with quiet metrics. The autoscaler is deleted (its scale-down behaviour would take minutes to come back to 1),
 * the load set to 0, the Deployment scaled to 1 and awaited with its one pod Ready, and after {@code settleSeconds}
 * (quiet rate windows, the controller's full sync forgetting the deleted autoscaler) the autoscaler is created from
 * its file. Waiting for Ready matters on the first repeat: the pod burns its startup CPU until Ready, and the Ready
 * condition's lastTransitionTime has second precision, so a rate window just after a fresh Ready can still hold
 * startup CPU that the HPA's CPU-initialization rule (upstream {@code groupPods}) counts, and scale it up before
 * any step. Before each step a random wait of up to one resolution puts the step at a random phase of the
 * collector's scrape loop.
 *
 * <p>Args: simDir autoscalerFile repeats stepRps resolutionSeconds settleSeconds timeoutSeconds
 */
public final class ReactionDriver {

    private static final String NS = "yuchao";
    private static final String DEPLOYMENT = "/apis/apps/v1/namespaces/" + NS + "/deployments/eladmin-web";
    private static final String AUTOSCALER =
            "/apis/autoscaling.scalebus.dev/v1/namespaces/" + NS + "/horizontalautoscalers/hpa-eladmin-web";

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path autoscalerFile = Path.of(args[1]);
        int repeats = Integer.parseInt(args[2]);
        double stepRps = Double.parseDouble(args[3]);
        double resolution = Double.parseDouble(args[4]);
        double settle = Double.parseDouble(args[5]);
        long timeoutMillis = (long) (Double.parseDouble(args[6]) * 1000);
        String api = Files.readString(dir.resolve("api-url")).trim();
        SimHttp sim = new SimHttp(api, "http://127.0.0.1:" + Files.readString(dir.resolve("control-port")).trim());
        SplittableRandom random = new SplittableRandom();
        double[] seconds = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            sim.delete(AUTOSCALER);
            sim.setLoad(NS, "eladmin-web", 0);
            sim.mergePatch(DEPLOYMENT + "/scale", "{\"spec\":{\"replicas\":1}}");
            awaitOneReadyReplica(sim, timeoutMillis);
            Thread.sleep((long) (settle * 1000));
            KubeApply.create(api, autoscalerFile);
            awaitQuietAutoscaler(sim, timeoutMillis);
            Thread.sleep((long) (random.nextDouble() * resolution * 1000));
            long stepMillis = sim.setLoad(NS, "eladmin-web", stepRps);
            long deadline = System.currentTimeMillis() + timeoutMillis;
            int replicas;
            while ((replicas = sim.get(DEPLOYMENT).path("spec").path("replicas").asInt()) <= 1) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("no /scale within the timeout after the step of repeat " + r);
                }
                Thread.sleep(50);
            }
            seconds[r] = (System.currentTimeMillis() - stepMillis) / 1000.0;
            System.out.printf(Locale.ROOT, "repeat %d: 1 -> %d replicas %.2f s after the step to %.0f req/s%n", r + 1,
                    replicas, seconds[r], stepRps);
        }
        sim.setLoad(NS, "eladmin-web", 0);
        Arrays.sort(seconds);
        System.out.printf(Locale.ROOT, "RESULT reaction.repeats %d%n", repeats);
        System.out.printf(Locale.ROOT, "RESULT reaction.p50Seconds %.1f%n", median(seconds));
        System.out.printf(Locale.ROOT, "RESULT reaction.minSeconds %.1f%n", seconds[0]);
        System.out.printf(Locale.ROOT, "RESULT reaction.maxSeconds %.1f%n", seconds[repeats - 1]);
        System.exit(0);
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Waits until the Deployment has exactly one pod and it is Ready. */
    private static void awaitOneReadyReplica(SimHttp sim, long timeoutMillis) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        JsonNode status;
        while ((status = sim.get(DEPLOYMENT).path("status")).path("replicas").asInt() != 1
                || status.path("readyReplicas").asInt() != 1) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("eladmin-web did not come to 1 ready replica: " + status);
            }
            Thread.sleep(200);
        }
    }

    /** Waits until the autoscaler has evaluated quiet metrics: ScalingActive, a CPU utilization, 1 desired replica. */
    private static void awaitQuietAutoscaler(SimHttp sim, long timeoutMillis) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            JsonNode a = sim.get(AUTOSCALER);
            JsonNode status = a == null ? null : a.path("status");
            boolean active = false;
            boolean cpu = false;
            if (status != null) {
                for (JsonNode c : status.path("conditions")) {
                    active |= "ScalingActive".equals(c.path("type").asText()) && "True".equals(c.path("status").asText());
                }
                for (JsonNode m : status.path("currentMetrics")) { // the CPU metric itself, not only memory
                    cpu |= "cpu".equals(m.path("resource").path("name").asText())
                            && m.path("resource").path("current").has("averageUtilization");
                }
            }
            if (active && cpu && status.path("desiredReplicas").asInt() == 1
                    && status.path("currentReplicas").asInt() == 1) {
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the autoscaler did not settle at 1 replica with usable metrics: "
                        + (a == null ? "not found" : a.path("status")));
            }
            Thread.sleep(200);
        }
    }
}
