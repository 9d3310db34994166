package dev.scalebus.collector.kubelet;

import dev.scalebus.collector.config.CollectorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.nio.file.Files;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import org.jboss.logging.Logger;

/** Builds the one {@link KubeletClient} from the settings. */
@ApplicationScoped
public class KubeletClientProducer {

    private static final Logger LOG = Logger.getLogger(KubeletClientProducer.class);

    private final ExecutorService httpThreads = Executors.newFixedThreadPool(
            // TLS handshake work (certificate checks, key exchange) runs on these threads
            Math.max(4, 2 * Runtime.getRuntime().availableProcessors()), daemon("kubelet-http"));

    @Produces
    @ApplicationScoped
    KubeletClient kubeletClient(CollectorConfig config, Clock clock) {
        return new JdkKubeletClient(tls(config), new TokenSource(config.tokenFile()),
                config.kubeletRequestTimeout(), config.maxBodyBytes(), httpThreads, clock);
    }

    static SSLContext tls(CollectorConfig config) {
        KeyManager[] keys = config.kubeletClientCertificate().isPresent() && config.kubeletClientKey().isPresent()
                ? KubeletTls.clientKeys(config.kubeletClientCertificate().get(), config.kubeletClientKey().get())
                : null;
        if (config.kubeletInsecureTls()) {
            LOG.warn("kubelet-insecure-tls is set: kubelet serving certificates are NOT verified");
            return KubeletTls.insecure(keys);
        }
        if (config.kubeletCertificateAuthority().isPresent()) {
            return KubeletTls.verifiedBy(config.kubeletCertificateAuthority().get(), keys);
        }
        if (Files.isReadable(KubeletTls.SERVICE_ACCOUNT_CA)) {
            return KubeletTls.verifiedBy(KubeletTls.SERVICE_ACCOUNT_CA, keys);
        }
        return KubeletTls.systemDefault(keys);
    }

    void close(@Disposes KubeletClient client) {
        httpThreads.shutdownNow();
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
