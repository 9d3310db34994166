package dev.scalebus.collector;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * An in-test kubelet: an HTTPS server on a random loopback port that answers like a real kubelet, or with a
 * controllable fault. It checks the bearer token like a kubelet with webhook authn would.
 */
final class FakeKubelet {

    enum Fault { NONE, HTTP_500, HANG }

    private final HttpServer server;
    private final AtomicReference<Supplier<String>> body = new AtomicReference<>();
    private final AtomicReference<Fault> fault = new AtomicReference<>(Fault.NONE);
    private final AtomicInteger requests = new AtomicInteger();
    private volatile boolean chunked = true;
    private final Supplier<String> expectedToken;

    private FakeKubelet(Vertx vertx, String certName, Supplier<String> expectedToken, boolean requireClientCert)
            throws Exception {
        this.expectedToken = expectedToken;
        HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(0).setSsl(true)
                .setPemKeyCertOptions(new PemKeyCertOptions()
                        .setCertPath("src/test/resources/tls/" + certName + ".pem")
                        .setKeyPath("src/test/resources/tls/" + certName + "-key.pem"));
        if (requireClientCert) {
            // like a kubelet with --client-ca-file: the TLS handshake fails without a client certificate it trusts
            options.setClientAuth(ClientAuth.REQUIRED)
                    .setTrustOptions(new PemTrustOptions().addCertPath("src/test/resources/tls/client-ca.pem"));
        }
        server = vertx.createHttpServer(options).requestHandler(this::handle).listen()
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** A kubelet with a certificate signed by the CA the collector trusts. */
    static FakeKubelet trusted(Vertx vertx, Supplier<String> token, Supplier<String> body) throws Exception {
        FakeKubelet kubelet = new FakeKubelet(vertx, "kubelet", token, false);
        kubelet.body.set(body);
        return kubelet;
    }

    /** A kubelet whose certificate was signed by a CA the collector does not know. */
    static FakeKubelet untrusted(Vertx vertx, Supplier<String> token, Supplier<String> body) throws Exception {
        FakeKubelet kubelet = new FakeKubelet(vertx, "kubelet-other", token, false);
        kubelet.body.set(body);
        return kubelet;
    }

    /** A kubelet that also requires a client certificate signed by the test client CA. */
    static FakeKubelet requiringClientCertificate(Vertx vertx, Supplier<String> token, Supplier<String> body)
            throws Exception {
        FakeKubelet kubelet = new FakeKubelet(vertx, "kubelet", token, true);
        kubelet.body.set(body);
        return kubelet;
    }

    FakeKubelet fault(Fault value) {
        fault.set(value);
        return this;
    }

    /** Send a Content-Length header instead of chunked encoding. */
    FakeKubelet withContentLength() {
        chunked = false;
        return this;
    }

    int port() {
        return server.actualPort();
    }

    int requests() {
        return requests.get();
    }

    void close() {
        server.close();
    }

    private void handle(HttpServerRequest request) {
        requests.incrementAndGet();
        if (fault.get() == Fault.HANG) {
            return; // never answer: the collector's per-node timeout must fire
        }
        if (!("Bearer " + expectedToken.get()).equals(request.getHeader("Authorization"))) {
            request.response().setStatusCode(401).end("Unauthorized");
            return;
        }
        if (fault.get() == Fault.HTTP_500) {
            request.response().setStatusCode(500).end("internal error: cadvisor is not ready");
            return;
        }
        request.response().setChunked(chunked).putHeader("Content-Type", "text/plain; version=0.0.4")
                .end(Buffer.buffer(body.get().get()));
    }
}
