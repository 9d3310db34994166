package dev.scalebus.metricsapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.scalebus.metricsapi.tls.Keytool;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The aggregated API server's authn/authz matrix against the mock apiserver's TokenReview and SAR answers. */
@QuarkusTest
class AuthMatrixTest {

    static final String SEED_PATH = "/apis/metrics.k8s.io/v1beta1/namespaces/yuchao/pods/x";

    @KubernetesTestServer
    KubernetesServer apiServer;

    @TestHTTPResource(value = "/", tls = true)
    URL https;

    @BeforeEach
    void reviews() {
        ApiServerMock.install(apiServer);
    }

    @Test
    void noCredentialsIsAnonymousAndForbiddenWithTheSeedsMessage() {
        given().relaxedHTTPSValidation().baseUri(https.toString()).get(SEED_PATH).then().statusCode(403)
                .body("kind", equalTo("Status")).body("reason", equalTo("Forbidden")).body("code", equalTo(403))
                .body("message", equalTo("pods.metrics.k8s.io \"x\" is forbidden: User \"system:anonymous\" cannot "
                        + "get resource \"pods\" in API group \"metrics.k8s.io\" in the namespace \"yuchao\""))
                .body("details.name", equalTo("x")).body("details.kind", equalTo("pods"));
    }

    @Test
    void aBadTokenIsUnauthorized() {
        given().relaxedHTTPSValidation().baseUri(https.toString()).header("Authorization", "Bearer wrong")
                .get(SEED_PATH).then().statusCode(401).body("reason", equalTo("Unauthorized"))
                .body("message", equalTo("Unauthorized"));
    }

    @Test
    void aGoodTokenWithoutRbacIsForbiddenNamingTheUser() {
        given().relaxedHTTPSValidation().baseUri(https.toString())
                .header("Authorization", "Bearer " + ApiServerMock.NO_RBAC_TOKEN)
                .get("/apis/metrics.k8s.io/v1beta1/nodes").then().statusCode(403)
                .body("message", equalTo("nodes.metrics.k8s.io is forbidden: User \"bob\" cannot list resource "
                        + "\"nodes\" in API group \"metrics.k8s.io\" at the cluster scope"));
        given().relaxedHTTPSValidation().baseUri(https.toString())
                .header("Authorization", "Bearer " + ApiServerMock.NO_RBAC_TOKEN).get("/apis").then()
                .statusCode(403).body("message", equalTo("forbidden: User \"bob\" cannot get path \"/apis\""));
    }

    @Test
    void aGoodTokenWithRbacIsServed() {
        given().relaxedHTTPSValidation().baseUri(https.toString())
                .header("Authorization", "Bearer " + ApiServerMock.RBAC_TOKEN).get(SEED_PATH).then().statusCode(404)
                .body("reason", equalTo("NotFound"));
        given().relaxedHTTPSValidation().baseUri(https.toString())
                .header("Authorization", "Bearer " + ApiServerMock.RBAC_TOKEN)
                .get("/apis/metrics.k8s.io/v1beta1/nodes").then().statusCode(200);
    }

    @Test
    void frontProxyHeadersWithTheAllowedClientCertificateAuthenticateTheProxiedUser() throws Exception {
        HttpResponse<String> r = send(client("client-allowed.p12"), "/apis/metrics.k8s.io/v1beta1/nodes");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("\"kind\":\"NodeMetricsList\"");
    }

    @Test
    void frontProxyHeadersWithoutAClientCertificateAreIgnored() throws Exception {
        HttpResponse<String> r = send(client(null), SEED_PATH);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("User \\\"system:anonymous\\\" cannot get resource");
    }

    @Test
    void aClientCertificateWithACommonNameNotAllowedIsUnauthorized() throws Exception {
        HttpResponse<String> r = send(client("client-other-cn.p12"), SEED_PATH);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("\"reason\":\"Unauthorized\"");
    }

    @Test
    void aClientCertificateFromAnotherAuthorityIsRejected() throws Exception {
        HttpClient client = client("client-self-signed.p12", true);
        int status;
        try {
            status = send(client, SEED_PATH).statusCode();
        } catch (IOException handshakeRejected) {
            status = 0; // the TLS layer refused the certificate: no request reached the server
        }
        assertThat(status).isIn(0, 401);
    }

    static final String CUSTOM_PATH = "/apis/custom.metrics.k8s.io/v1beta2/namespaces/yuchao/pods/*/http_requests";
    static final String EXTERNAL_PATH = "/apis/external.metrics.k8s.io/v1beta1/namespaces/yuchao/queue_messages_cnt";

    @Test
    void customAndExternalMetricsGoThroughTheSameChainWithTheirOwnGroupInTheReview() throws Exception {
        given().relaxedHTTPSValidation().baseUri(https.toString()).get(CUSTOM_PATH).then().statusCode(403)
                .body("reason", equalTo("Forbidden"))
                .body("message", equalTo("pods.custom.metrics.k8s.io \"*\" is forbidden: User \"system:anonymous\" "
                        + "cannot get resource \"pods/http_requests\" in API group \"custom.metrics.k8s.io\" in the "
                        + "namespace \"yuchao\""))
                .body("details.group", equalTo("custom.metrics.k8s.io"));
        given().relaxedHTTPSValidation().baseUri(https.toString()).header("Authorization", "Bearer wrong")
                .get(EXTERNAL_PATH).then().statusCode(401).body("reason", equalTo("Unauthorized"));
        given().relaxedHTTPSValidation().baseUri(https.toString())
                .header("Authorization", "Bearer " + ApiServerMock.NO_RBAC_TOKEN).get(EXTERNAL_PATH).then()
                .statusCode(403).body("message", equalTo("queue_messages_cnt.external.metrics.k8s.io is forbidden: "
                        + "User \"bob\" cannot list resource \"queue_messages_cnt\" in API group "
                        + "\"external.metrics.k8s.io\" in the namespace \"yuchao\""));
        given().relaxedHTTPSValidation().baseUri(https.toString())
                .header("Authorization", "Bearer " + ApiServerMock.RBAC_TOKEN)
                .get("/apis/external.metrics.k8s.io/v1beta1").then().statusCode(200)
                .body("groupVersion", equalTo("external.metrics.k8s.io/v1beta1"));
        HttpResponse<String> proxied = send(client("client-allowed.p12"), "/apis/custom.metrics.k8s.io/v1beta2");
        assertThat(proxied.statusCode()).as(proxied.body()).isEqualTo(200);
        assertThat(proxied.body()).contains("\"groupVersion\":\"custom.metrics.k8s.io/v1beta2\"");
        HttpResponse<String> noCert = send(client(null), CUSTOM_PATH);
        assertThat(noCert.statusCode()).isEqualTo(403);
    }

    private HttpResponse<String> send(HttpClient client, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(https.toString()).resolve(path))
                .header("X-Remote-User", ApiServerMock.PROXY_USER).header("X-Remote-Group", "system:masters")
                .header("X-Remote-Extra-Scopes", "all").GET().build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpClient client(String keyStore) throws Exception {
        return client(keyStore, false);
    }

    /** @param force present the certificate even when the server's CertificateRequest names other authorities */
    private static HttpClient client(String keyStore, boolean force) throws Exception {
        KeyManagerFactory kmf = null;
        if (keyStore != null) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(TlsTestResource.file(keyStore))) {
                store.load(in, Keytool.PASSWORD.toCharArray());
            }
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, Keytool.PASSWORD.toCharArray());
        }
        SSLContext ssl = SSLContext.getInstance("TLS");
        javax.net.ssl.KeyManager[] keyManagers = kmf == null ? null : kmf.getKeyManagers();
        if (force && keyManagers != null) {
            keyManagers = new javax.net.ssl.KeyManager[] {new AlwaysPresent((javax.net.ssl.X509KeyManager) keyManagers[0])};
        }
        ssl.init(keyManagers, new TrustManager[] {new TrustServingCertificate()}, null);
        return HttpClient.newBuilder().sslContext(ssl).build();
    }

    /** Offers the "client" key whatever the server asks for, as a misconfigured proxy would. */
    static final class AlwaysPresent extends javax.net.ssl.X509ExtendedKeyManager {
        private final javax.net.ssl.X509KeyManager delegate;

        AlwaysPresent(javax.net.ssl.X509KeyManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public String[] getClientAliases(String keyType, java.security.Principal[] issuers) {
            return new String[] {"client"};
        }

        @Override
        public String chooseClientAlias(String[] keyType, java.security.Principal[] issuers, java.net.Socket s) {
            return "client";
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, java.security.Principal[] issuers,
                javax.net.ssl.SSLEngine engine) {
            return "client";
        }

        @Override
        public String[] getServerAliases(String keyType, java.security.Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, java.security.Principal[] issuers, java.net.Socket s) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return delegate.getCertificateChain(alias);
        }

        @Override
        public java.security.PrivateKey getPrivateKey(String alias) {
            return delegate.getPrivateKey(alias);
        }
    }

    /** The test's serving certificate is self-signed: trust it as kubectl's insecure-skip-tls-verify would. */
    static final class TrustServingCertificate implements X509TrustManager {
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
