package dev.scalebus.simulator.kube;

import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.regex.Matcher;

/**
 * The simulated API server's front: version and discovery, the /scale subresource (apps workloads and custom
 * resources), APIService proxying (kube-aggregator), and everything else to the fabric8 CRUD store.
 */
public final class ApiServerDispatcher extends Dispatcher {

    private static final String VERSION = "{\"major\":\"1\",\"minor\":\"32\",\"gitVersion\":\"v1.32.4-scalebus-sim\","
            + "\"gitCommit\":\"0000000000000000000000000000000000000000\",\"gitTreeState\":\"clean\","
            + "\"buildDate\":\"2026-01-01T00:00:00Z\",\"goVersion\":\"go1.23.8\",\"compiler\":\"gc\","
            + "\"platform\":\"linux/amd64\"}";

    private final Dispatcher crud;
    private final Discovery discovery;
    private final ScaleSubresource scale;
    private final CustomResourceScale customScale;
    private volatile AggregatorProxy aggregator;

    public ApiServerDispatcher(Dispatcher crud, KubeStore store) {
        this.crud = crud;
        this.discovery = new Discovery(store);
        this.scale = new ScaleSubresource(store);
        this.customScale = new CustomResourceScale(store);
    }

    public void aggregator(AggregatorProxy proxy) {
        this.aggregator = proxy;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String full = request.getPath();
        int q = full.indexOf('?');
        String path = q < 0 ? full : full.substring(0, q);
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String contentType = request.getHeader("Content-Type");
        if (contentType != null && contentType.startsWith("application/vnd.kubernetes.protobuf")) {
            // typed clients (kubectl create namespace/configmap/...) send protobuf, which the JSON store cannot
            // decode: say so at once rather than leave the request unanswered
            return Status.error(415, "UnsupportedMediaType", "the simulated API server reads JSON and YAML bodies"
                    + " only, not " + contentType + "; for kubectl create KIND NAME use: kubectl create KIND NAME"
                    + " --dry-run=client -o yaml | kubectl apply -f -");
        }
        if ("GET".equals(request.getMethod())) {
            if (path.equals("/version")) {
                return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                        .setBody(VERSION);
            }
            if (path.equals("/healthz") || path.equals("/readyz") || path.equals("/livez")) {
                return new MockResponse().setResponseCode(200).setHeader("Content-Type", "text/plain").setBody("ok");
            }
            MockResponse doc = discovery.handle(path);
            if (doc != null) {
                return doc;
            }
        }
        AggregatorProxy proxy = aggregator;
        if (proxy != null && path.startsWith("/apis/")) {
            MockResponse proxied = proxy.proxyIfAggregated(request, path);
            if (proxied != null) {
                return proxied;
            }
        }
        Matcher m = ScaleSubresource.PATH.matcher(full);
        if (m.matches()) {
            return scale.handle(request, m);
        }
        Matcher custom = CustomResourceScale.PATH.matcher(full);
        if (custom.matches()) {
            return customScale.handle(request, custom);
        }
        MockResponse response = crud.dispatch(request);
        if (response.getHeaders().header("Content-Type") == null && response.getBody() != null
                && response.getBody().size() > 0) {
            response.setHeader("Content-Type", "application/json");
        }
        boolean watch = full.contains("watch=true") || full.contains("watch=1");
        if ("GET".equals(request.getMethod()) && !watch && response.code() == 200 && response.getBody() != null) {
            return discovery.typedList(path, response);
        }
        return response;
    }

    @Override
    public void shutdown() {
        crud.shutdown();
    }
}
