package dev.scalebus.metricsapi.kube;

import dev.scalebus.metricsapi.Main;
import dev.scalebus.metricsapi.MetricsApiConfig;
import dev.scalebus.metricsapi.auth.RequestheaderSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Runs the {@link CaRefresher} when {@code Main} took the front-proxy CA from the cluster (or tried to): otherwise the
 * CA comes from a configured file and nothing is refreshed.
 */
@ApplicationScoped
public class CaRefreshJob {

    /** The first retry after a failed start-up lookup; doubles up to the refresh interval. */
    static final Duration MIN_BACKOFF = Duration.ofSeconds(5);

    private final CaRefresher refresher;

    public CaRefreshJob(KubernetesClient client, Clock clock, MetricsApiConfig config) {
        Path file = Main.requestheaderCaFile();
        this.refresher = file == null ? null
                : new CaRefresher(() -> ExtensionApiserverAuthentication.read(client)
                        .map(RequestheaderSettings::clientCaPem), Optional.ofNullable(Main.requestheaderCaAtStart()),
                        file, clock, config.requestheader().refreshInterval(), MIN_BACKOFF);
    }

    /** True when the requestheader CA follows the cluster's ConfigMap. */
    public boolean refreshing() {
        return refresher != null;
    }

    /** The current CA bundle from the cluster; empty while none was read. */
    public List<X509Certificate> cas() {
        return refresher == null ? List.of() : refresher.cas();
    }

    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (refresher != null) {
            refresher.tick();
        }
    }
}
