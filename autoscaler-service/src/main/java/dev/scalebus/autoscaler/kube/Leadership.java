package dev.scalebus.autoscaler.kube;

import dev.scalebus.autoscaler.controller.AutoscalerConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfig;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaderElectionRecord;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * One active controller among the service's replicas: a Kubernetes Lease (coordination.k8s.io/v1), as
 * kube-controller-manager's own leader election. Without leader election every replica is active.
 *
 * <p>fabric8's {@code LeaderElector} is single-use: once it stops leading (the API server unreachable for longer
 * than the renew deadline, or another replica holding the lease) its future completes and it never contends again.
 * kube-controller-manager exits in that case so that its supervisor restarts it; here the replica contends again
 * in-process with a fresh elector after a short backoff, which keeps the metrics window and informers warm and needs
 * no restart. Should the election itself stall (no attempt for lease duration + renew deadline), the liveness check
 * {@link LeaderElectionHealth} reports DOWN and Kubernetes restarts the pod: never UP but dead.
 */
@ApplicationScoped
public class Leadership {

    private static final Logger LOG = Logger.getLogger(Leadership.class);

    private final KubernetesClient client;
    private final AutoscalerConfig config;
    private final Clock clock;
    private final String namespace;
    private final String identity = System.getenv().getOrDefault("HOSTNAME", "autoscaler") + "-"
            + UUID.randomUUID().toString().substring(0, 8);
    private final ScheduledExecutorService backoff = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "leader-election-restart");
        t.setDaemon(true);
        return t;
    });
    // the elector whose callbacks count; an older one's late stopLeading must not clear a newer one's leadership
    private int generation;
    private boolean leader;
    private boolean stopping;
    private CompletableFuture<?> election;
    private volatile Instant lastAttempt;
    private volatile Instant lastHeld;

    public Leadership(KubernetesClient client, AutoscalerConfig config, Clock clock) {
        this.client = client;
        this.config = config;
        this.clock = clock;
        this.namespace = LeaseNamespace.resolve(config.leaderElection().namespace(), System.getenv(),
                LeaseNamespace.SERVICE_ACCOUNT_NAMESPACE);
    }

    void start(@Observes StartupEvent ev) {
        if (enabled()) {
            lastAttempt = clock.instant();
            contend();
        }
    }

    private boolean enabled() {
        return config.controllerEnabled() && config.leaderElection().enabled();
    }

    private synchronized void contend() {
        if (stopping) {
            return;
        }
        int gen = ++generation;
        try {
            CompletableFuture<?> f = client.leaderElector().withConfig(electionConfig(gen)).build().start();
            election = f;
            f.whenComplete((v, t) -> ended(gen, t));
        } catch (RuntimeException e) {
            ended(gen, e);
        }
    }

    private LeaderElectionConfig electionConfig(int gen) {
        AutoscalerConfig.LeaderElection le = config.leaderElection();
        return new LeaderElectionConfigBuilder()
                .withName(le.leaseName())
                .withLock(new ObservedLock(new LeaseLock(namespace, le.leaseName(), identity),
                        this::attempted, () -> lastHeld = clock.instant()))
                .withLeaseDuration(le.leaseDuration())
                .withRenewDeadline(le.renewDeadline())
                .withRetryPeriod(le.retryPeriod())
                .withReleaseOnCancel(true)
                .withLeaderCallbacks(new LeaderCallbacks(() -> leading(gen, true), () -> leading(gen, false),
                        newLeader -> LOG.debugf("leader election: leader is %s", newLeader)))
                .build();
    }

    /**
     * An acquire or renew attempt read the lease. Held by another identity: this replica stops acting at once,
     * before fabric8 gives up after the renew deadline (the other one may be scaling already).
     */
    private void attempted(LeaderElectionRecord record) {
        lastAttempt = clock.instant();
        if (record != null && !identity.equals(record.getHolderIdentity())) {
            lastHeld = null;
        }
    }

    private synchronized void leading(int gen, boolean now) {
        if (gen != generation || leader == now) {
            return;
        }
        leader = now;
        LOG.infof("leader election: %s %s lease %s/%s", identity, now ? "leads" : "stopped leading", namespace,
                config.leaderElection().leaseName());
    }

    /** The elector's future completed (leadership lost, or a failure): contend again after one retry period. */
    private synchronized void ended(int gen, Throwable t) {
        if (gen != generation || stopping) {
            return;
        }
        leader = false;
        Duration wait = config.leaderElection().retryPeriod();
        LOG.infof("leader election: %s elector ended (%s), contending again in %s ms", identity,
                t == null ? "leadership lost" : t.toString(), wait.toMillis());
        backoff.schedule(this::contend, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent ev) {
        CompletableFuture<?> f;
        synchronized (this) {
            stopping = true;
            f = election;
        }
        backoff.shutdownNow();
        if (f != null) {
            f.cancel(true);
        }
    }

    /**
     * Whether this replica may evaluate and scale now: it leads, wrote the lease within the renew deadline (a
     * leader cut off from the API server stops acting before the lease expires for the other replicas), and its
     * last read of the lease did not show another holder. Asked when a trigger starts and again right before each scale write.
     */
    public boolean active() {
        if (!config.leaderElection().enabled()) {
            return true;
        }
        Instant held = lastHeld;
        synchronized (this) {
            if (!leader) {
                return false;
            }
        }
        return held != null && clock.instant().isBefore(held.plus(config.leaderElection().renewDeadline()));
    }

    /** When the election last tried to acquire or renew the lease; null when it does not run. */
    public Instant lastAttempt() {
        return enabled() ? lastAttempt : null;
    }

    /** When this replica last wrote the lease as its holder; null if never. */
    public Instant lastHeld() {
        return lastHeld;
    }

    /** How many electors this replica started: 1 + the times it contended again after an elector ended. */
    public synchronized int elections() {
        return generation;
    }

    public String identity() {
        return identity;
    }

    public String namespace() {
        return namespace;
    }
}
