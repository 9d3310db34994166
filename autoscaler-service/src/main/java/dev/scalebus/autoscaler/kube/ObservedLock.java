package dev.scalebus.autoscaler.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaderElectionRecord;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.Lock;
import java.util.function.Consumer;

/**
 * A Lease lock that notes when the elector last tried (every acquire or renew attempt starts with a read, whose record it is given) and when
 * it last wrote the lease as its holder (create or update only ever write this replica's identity). The liveness
 * check and {@link Leadership#active()} are built on these two moments: fabric8 reports neither.
 */
final class ObservedLock implements Lock {

    private final Lock delegate;
    private final Consumer<LeaderElectionRecord> onAttempt;
    private final Runnable onHeld;

    ObservedLock(Lock delegate, Consumer<LeaderElectionRecord> onAttempt, Runnable onHeld) {
        this.delegate = delegate;
        this.onAttempt = onAttempt;
        this.onHeld = onHeld;
    }

    @Override
    public LeaderElectionRecord get(KubernetesClient client) {
        LeaderElectionRecord r = delegate.get(client);
        onAttempt.accept(r);
        return r;
    }

    @Override
    public void create(KubernetesClient client, LeaderElectionRecord record) {
        delegate.create(client, record);
        onHeld.run();
    }

    @Override
    public void update(KubernetesClient client, LeaderElectionRecord record) {
        delegate.update(client, record);
        onHeld.run();
    }

    @Override
    public String identity() {
        return delegate.identity();
    }

    @Override
    public String describe() {
        return delegate.describe();
    }
}
