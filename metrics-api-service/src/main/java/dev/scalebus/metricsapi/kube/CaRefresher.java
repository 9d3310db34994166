package dev.scalebus.metricsapi.kube;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jboss.logging.Logger;

/**
 * Keeps the front-proxy client CA current, as metrics-server's dynamic CA content re-reads
 * kube-system/extension-apiserver-authentication: {@link #tick} reads it every {@code interval}, and after a failure
 * (or before the first success) retries sooner, with a backoff from {@code minBackoff} doubling up to
 * {@code interval}. A new CA is written to {@code caFile} (which the HTTPS trust store reloads) and served by
 * {@link #cas}; a failed read keeps the last good CA. Changes and the first failure of a streak are logged at INFO.
 */
public final class CaRefresher {

    private static final Logger LOG = Logger.getLogger(CaRefresher.class);

    private final Callable<Optional<String>> source;
    private final Path caFile;
    private final Clock clock;
    private final long intervalMillis;
    private final long minBackoffMillis;
    private volatile List<X509Certificate> cas = List.of();
    private String pem;
    private long nextMillis;
    private long backoffMillis;
    private boolean failing;

    /**
     * @param source    the ConfigMap's requestheader-client-ca-file PEM, empty when it has none; throws when unreadable
     * @param known     the PEM found at start (empty when the start-up lookup failed)
     */
    public CaRefresher(Callable<Optional<String>> source, Optional<String> known, Path caFile, Clock clock,
            Duration interval, Duration minBackoff) {
        this.source = source;
        this.caFile = caFile;
        this.clock = clock;
        this.intervalMillis = interval.toMillis();
        this.minBackoffMillis = Math.min(minBackoff.toMillis(), intervalMillis);
        this.backoffMillis = minBackoffMillis;
        known.filter(p -> !p.isBlank()).ifPresent(p -> {
            cas = parse(p);
            pem = p;
        });
        if (pem == null) { // the start-up lookup was the first failure: this is the first retry
            this.failing = true;
            this.nextMillis = clock.millis() + minBackoffMillis;
            this.backoffMillis = Math.min(2 * minBackoffMillis, intervalMillis);
        } else {
            this.nextMillis = clock.millis() + intervalMillis;
        }
    }

    /** Reads the ConfigMap when due. */
    public synchronized void tick() {
        long now = clock.millis();
        if (now < nextMillis) {
            return;
        }
        try {
            String read = source.call().filter(p -> !p.isBlank())
                    .orElseThrow(() -> new IllegalStateException("no requestheader-client-ca-file in it"));
            if (!read.equals(pem)) {
                List<X509Certificate> parsed = parse(read);
                Path tmp = caFile.resolveSibling(caFile.getFileName() + ".tmp");
                Files.writeString(tmp, read + "\n");
                Files.move(tmp, caFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                LOG.infof("front-proxy client CA %s from kube-system/extension-apiserver-authentication: %d"
                        + " certificate(s), %s", pem == null ? "loaded" : "changed", parsed.size(), subjects(parsed));
                pem = read;
                cas = parsed;
            } else if (failing) {
                LOG.infof("kube-system/extension-apiserver-authentication readable again; front-proxy CA unchanged");
            }
            failing = false;
            backoffMillis = minBackoffMillis;
            nextMillis = now + intervalMillis;
        } catch (Exception e) {
            if (!failing) {
                LOG.infof("cannot read the front-proxy CA from kube-system/extension-apiserver-authentication (%s);"
                        + " %s, retrying with backoff", e.toString(),
                        pem == null ? "request headers stay untrusted" : "keeping the last good CA");
            }
            failing = true;
            nextMillis = now + backoffMillis;
            backoffMillis = Math.min(backoffMillis * 2, intervalMillis);
        }
    }

    /** The current CA bundle; empty until one was read. */
    public List<X509Certificate> cas() {
        return cas;
    }

    /** When the next read is due, epoch milliseconds. */
    public synchronized long nextMillis() {
        return nextMillis;
    }

    private static List<X509Certificate> parse(String pem) {
        try {
            List<X509Certificate> certs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))).stream()
                    .map(X509Certificate.class::cast).toList();
            if (certs.isEmpty()) {
                throw new IllegalArgumentException("no certificate in requestheader-client-ca-file");
            }
            return certs;
        } catch (CertificateException e) {
            throw new IllegalArgumentException("requestheader-client-ca-file is not a PEM bundle: " + e.getMessage());
        }
    }

    private static List<String> subjects(List<X509Certificate> certs) {
        return certs.stream().map(c -> c.getSubjectX500Principal().getName()).toList();
    }
}
