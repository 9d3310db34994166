package dev.scalebus.simulator.kube;

import dev.scalebus.simulator.tls.CertificateAuthority;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/** The aggregator's client identity: a request-header CA and the "front-proxy-client" certificate it signed. */
public final class FrontProxyCredentials {

    public static final String CLIENT_COMMON_NAME = "front-proxy-client";

    private final CertificateAuthority ca;
    private final KeyPair keyPair = CertificateAuthority.newKeyPair();
    private final X509Certificate clientCertificate;

    public FrontProxyCredentials() {
        this.ca = CertificateAuthority.create("front-proxy-ca");
        this.clientCertificate = ca.issueClient(keyPair, CLIENT_COMMON_NAME);
    }

    public CertificateAuthority ca() {
        return ca;
    }

    public X509Certificate clientCertificate() {
        return clientCertificate;
    }

    public KeyPair keyPair() {
        return keyPair;
    }

    /** Client-authenticating TLS; {@code trustedPem} null means the server is not verified. */
    SSLContext sslContext(String trustedPem) {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("client", keyPair.getPrivate(), new char[0],
                    new Certificate[] {clientCertificate, ca.certificate()});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, new char[0]);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), new TrustManager[] {trustManager(trustedPem)}, null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the front-proxy TLS context", e);
        }
    }

    private static X509ExtendedTrustManager trustManager(String trustedPem) throws Exception {
        X509TrustManager chainCheck = null;
        if (trustedPem != null) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(trustedPem.getBytes(StandardCharsets.US_ASCII)));
            int i = 0;
            for (Certificate c : certs) {
                trust.setCertificateEntry("ca" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            chainCheck = (X509TrustManager) tmf.getTrustManagers()[0];
        }
        return new ChainOnlyTrustManager(chainCheck);
    }

    /** Checks the chain (when a CA is given) but not the host name: the 2-argument check does no identification. */
    private static final class ChainOnlyTrustManager extends X509ExtendedTrustManager {
        private final X509TrustManager chainCheck;

        ChainOnlyTrustManager(X509TrustManager chainCheck) {
            this.chainCheck = chainCheck;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (chainCheck != null) {
                chainCheck.checkServerTrusted(chain, authType);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, java.net.Socket socket)
                throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("client side only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, java.net.Socket socket)
                throws CertificateException {
            throw new CertificateException("client side only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("client side only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

}
