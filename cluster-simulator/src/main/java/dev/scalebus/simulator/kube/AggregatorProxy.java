package dev.scalebus.simulator.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scalebus.simulator.tls.CertificateAuthority;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.jboss.logging.Logger;

/**
 * kube-aggregator's proxy: a request under /apis/GROUP/VERSION of a registered APIService (with a service) is sent
 * to that service with front-proxy authentication: the request-header client certificate plus X-Remote-User and
 * X-Remote-Group (kubernetes/kube-aggregator pkg/apiserver handler_proxy.go). The service is found through the
 * APIService annotation {@value #URL_ANNOTATION}, else its Endpoints, else the Service's clusterIP.
 * TLS to the service: trusted by the APIService caBundle when given, else (or with insecureSkipTLSVerify) not
 * verified; host names are never checked, since simulated services listen on loopback addresses.
 */
public final class AggregatorProxy {

    public static final String URL_ANNOTATION = "scalebus.dev/service-url";
    private static final Logger LOG = Logger.getLogger(AggregatorProxy.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> HOP_HEADERS = Set.of("authorization", "host", "connection", "content-length",
            "upgrade", "transfer-encoding", "keep-alive", "x-remote-user", "x-remote-group", "expect", "te",
            "http2-settings");

    private final KubeStore store;
    private final FrontProxyCredentials credentials;
    private final String user;
    private final List<String> groups;

    public AggregatorProxy(KubeStore store, FrontProxyCredentials credentials, String user, List<String> groups) {
        this.store = store;
        this.credentials = credentials;
        this.user = user;
        this.groups = groups;
    }

    /** The proxied response, or null when the path does not belong to an aggregated APIService. */
    MockResponse proxyIfAggregated(RecordedRequest request, String path) {
        String[] parts = path.split("/");
        if (parts.length < 4) {
            return null;
        }
        String apiServiceName = parts[3] + "." + parts[2];
        MockResponse found = store.send(HttpMethod.GET, "/apis/apiregistration.k8s.io/v1/apiservices/" + apiServiceName,
                null, null);
        if (found.code() != 200) {
            return null;
        }
        try {
            JsonNode apiService = JSON.readTree(found.getBody().readUtf8());
            JsonNode service = apiService.path("spec").path("service");
            if (service.isMissingNode() || service.isNull()) {
                return null;
            }
            String base = resolve(apiService, service);
            if (base == null) {
                return Status.error(503, "ServiceUnavailable", "service " + service.path("namespace").asText() + "/"
                        + service.path("name").asText() + " of APIService " + apiServiceName + " has no endpoints");
            }
            return forward(request, base, apiService);
        } catch (IOException e) {
            LOG.infof("aggregator: %s %s failed: %s", request.getMethod(), path, e.toString());
            return Status.error(503, "ServiceUnavailable", "error trying to reach service of APIService "
                    + apiServiceName + ": " + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Status.error(503, "ServiceUnavailable", "interrupted");
        }
    }

    private String resolve(JsonNode apiService, JsonNode service) throws IOException {
        String annotated = apiService.path("metadata").path("annotations").path(URL_ANNOTATION).asText("");
        if (!annotated.isEmpty()) {
            return annotated.replaceAll("/+$", "");
        }
        String ns = service.path("namespace").asText();
        String name = service.path("name").asText();
        int port = service.path("port").asInt(443);
        MockResponse endpoints = store.send(HttpMethod.GET, "/api/v1/namespaces/" + ns + "/endpoints/" + name, null, null);
        if (endpoints.code() == 200) {
            JsonNode subset = JSON.readTree(endpoints.getBody().readUtf8()).path("subsets").path(0);
            String ip = subset.path("addresses").path(0).path("ip").asText("");
            int targetPort = subset.path("ports").path(0).path("port").asInt(port);
            if (!ip.isEmpty()) {
                return "https://" + ip + ":" + targetPort;
            }
        }
        MockResponse svc = store.send(HttpMethod.GET, "/api/v1/namespaces/" + ns + "/services/" + name, null, null);
        if (svc.code() == 200) {
            String clusterIp = JSON.readTree(svc.getBody().readUtf8()).path("spec").path("clusterIP").asText("");
            if (!clusterIp.isEmpty() && !"None".equals(clusterIp)) {
                return "https://" + clusterIp + ":" + port;
            }
        }
        return null;
    }

    private MockResponse forward(RecordedRequest request, String base, JsonNode apiService)
            throws IOException, InterruptedException {
        String caBundle = apiService.path("spec").path("caBundle").asText("");
        boolean insecure = apiService.path("spec").path("insecureSkipTLSVerify").asBoolean(false);
        SSLContext ssl = credentials.sslContext(insecure || caBundle.isEmpty() ? null
                : new String(Base64.getDecoder().decode(caBundle), java.nio.charset.StandardCharsets.US_ASCII));
        HttpClient client = HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        byte[] body = request.getBody() == null ? new byte[0] : request.getBody().getBytes();
        HttpRequest.Builder out = HttpRequest.newBuilder(URI.create(base + request.getPath()))
                .timeout(Duration.ofSeconds(10))
                .method(request.getMethod(), body == null || body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, List<String>> h : request.getHeaders().toMultimap().entrySet()) {
            if (!HOP_HEADERS.contains(h.getKey().toLowerCase(java.util.Locale.ROOT)) && !h.getKey().startsWith(":")) {
                h.getValue().forEach(v -> out.header(h.getKey(), v));
            }
        }
        out.header("X-Remote-User", user);
        groups.forEach(g -> out.header("X-Remote-Group", g));
        HttpResponse<byte[]> response = client.send(out.build(), HttpResponse.BodyHandlers.ofByteArray());
        LOG.debugf("aggregator: %s %s -> %s %d", request.getMethod(), request.getPath(), base, response.statusCode());
        MockResponse result = new MockResponse().setResponseCode(response.statusCode()).setBody(response.body());
        response.headers().firstValue("Content-Type").ifPresent(ct -> result.setHeader("Content-Type", ct));
        return result;
    }

    /** The CA a served API must trust for request-header authentication (its --requestheader-client-ca-file). */
    public CertificateAuthority requestHeaderCa() {
        return credentials.ca();
    }
}
