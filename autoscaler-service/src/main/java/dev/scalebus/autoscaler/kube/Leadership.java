package dev.scalebus.autoscaler.kube;

import dev.scalebus.autoscaler.controller.AutoscalerConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * One active controller among the service's replicas: a Kubernetes Lease (coordination.k8s.io/v1), as
 * kube-controller-manager's own leader election. Without leader election every replica is active.
 */
@ApplicationScoped
public class Leadership {

    private static final Logger LOG = Logger.getLogger(Leadership.class);

    private final KubernetesClient client;
    private final AutoscalerConfig config;
    private final AtomicBoolean leader = new AtomicBoolean();
    private final String identity = System.getenv().getOrDefault("HOSTNAME", "autoscaler") + "-"
            + UUID.randomUUID().toString().substring(0, 8);
    private CompletableFuture<?> election;

    public Leadership(KubernetesClient client, AutoscalerConfig config) {
        this.client = client;
        this.config = config;
    }

    void start(@Observes StartupEvent ev) {
        if (!config.controllerEnabled() || !config.leaderElection().enabled()) {
            return;
        }
        AutoscalerConfig.LeaderElection le = config.leaderElection();
        election = client.leaderElector().withConfig(new LeaderElectionConfigBuilder()
                .withName(le.leaseName())
                .withLock(new LeaseLock(le.namespace(), le.leaseName(), identity))
                .withLeaseDuration(le.leaseDuration())
                .withRenewDeadline(le.renewDeadline())
                .withRetryPeriod(le.retryPeriod())
                .withReleaseOnCancel(true)
                .withLeaderCallbacks(new LeaderCallbacks(
                        () -> {
                            leader.set(true);
                            LOG.infof("leader election: %s leads lease %s/%s", identity, le.namespace(), le.leaseName());
                        },
                        () -> {
                            leader.set(false);
                            LOG.infof("leader election: %s stopped leading", identity);
                        },
                        newLeader -> LOG.debugf("leader election: leader is %s", newLeader)))
                .build()).build().start();
    }

    void stop(@Observes ShutdownEvent ev) {
        if (election != null) {
            election.cancel(true);
        }
    }

    /** Whether this replica may evaluate and scale now. */
    public boolean active() {
        return !config.leaderElection().enabled() || leader.get();
    }

}
