package dev.scalebus.collector.kubelet;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** Builds the SSLContext for kubelet connections: verified against a CA bundle, or (only on request) not at all. */
public final class KubeletTls {

    /** Where Kubernetes mounts the cluster CA; metrics-server trusts it when no kubelet CA is configured. */
    public static final Path SERVICE_ACCOUNT_CA = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/ca.crt");

    private KubeletTls() {
    }

    /** The client certificate's key managers ({@code --kubelet-client-certificate/-key}). */
    public static KeyManager[] clientKeys(Path certificate, Path key) {
        return PemKeys.keyManagers(certificate, key);
    }

    /** Trusts exactly the certificates in a PEM bundle (host names are still verified). */
    public static SSLContext verifiedBy(Path caBundle) {
        return verifiedBy(caBundle, null);
    }

    /** As {@link #verifiedBy(Path)}, presenting a client certificate when {@code keys} is not null. */
    public static SSLContext verifiedBy(Path caBundle, KeyManager[] keys) {
        try (InputStream in = Files.newInputStream(caBundle)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("kubelet-certificate-authority " + caBundle
                        + " holds no certificate");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, factory.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use kubelet-certificate-authority " + caBundle + ": "
                    + e.getMessage(), e);
        }
    }

    /** The JVM's default trust store, presenting a client certificate when {@code keys} is not null. */
    public static SSLContext systemDefault(KeyManager[] keys) {
        try {
            if (keys != null) {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(keys, null, null);
                return context;
            }
            return SSLContext.getDefault();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no default SSLContext", e);
        }
    }

    /**
     * Accepts any certificate and host name ({@code --kubelet-insecure-tls}). An X509ExtendedTrustManager is used
     * because the JDK then leaves endpoint identification to it, so the host-name check is skipped too.
     */
    public static SSLContext insecure(KeyManager[] keys) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, new TrustManager[] {new TrustAll()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build an insecure SSLContext", e);
        }
    }

    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
