package dev.scalebus.autoscaler.kube;

import dev.scalebus.autoscaler.controller.AutoscalerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/**
 * Liveness of the leader election: DOWN when it has not tried to acquire or renew the lease for longer than lease
 * duration + renew deadline (an attempt is due every retry period, failed or not), so a stalled election loop gets
 * the pod restarted instead of leaving a replica that never leads again while reporting UP.
 */
@Liveness
@ApplicationScoped
public class LeaderElectionHealth implements HealthCheck {

    private final Leadership leadership;
    private final AutoscalerConfig config;
    private final Clock clock;

    public LeaderElectionHealth(Leadership leadership, AutoscalerConfig config, Clock clock) {
        this.leadership = leadership;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public HealthCheckResponse call() {
        Instant last = leadership.lastAttempt();
        HealthCheckResponseBuilder b = HealthCheckResponse.named("leader-election");
        if (last == null) {
            return b.up().withData("enabled", false).build();
        }
        AutoscalerConfig.LeaderElection le = config.leaderElection();
        Duration limit = le.leaseDuration().plus(le.renewDeadline());
        b.withData("identity", leadership.identity()).withData("lease", leadership.namespace() + "/" + le.leaseName())
                .withData("leading", leadership.active()).withData("elections", leadership.elections()).withData("lastAttempt", last.toString())
                .withData("lastHeld", String.valueOf(leadership.lastHeld()));
        return b.status(!stalled(last, clock.instant(), limit)).build();
    }

    /** Whether the last attempt is older than the limit. */
    static boolean stalled(Instant lastAttempt, Instant now, Duration limit) {
        return now.isAfter(lastAttempt.plus(limit));
    }
}
