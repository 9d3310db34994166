package dev.scalebus.simulator.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * In-process access to the API server's object store: requests go straight into the CRUD dispatcher (no HTTP,
 * no TLS), so the simulator's controller is cheap, yet watches opened by clients still see every change.
 */
public final class KubeStore {

    private final Dispatcher crud;

    public KubeStore(Dispatcher crud) {
        this.crud = crud;
    }

    public static String collectionPath(Class<? extends HasMetadata> type, String namespace) {
        String apiVersion = HasMetadata.getApiVersion(type);
        String prefix = apiVersion.contains("/") ? "/apis/" + apiVersion : "/api/" + apiVersion;
        boolean namespaced = Namespaced.class.isAssignableFrom(type);
        String ns = namespaced && namespace != null ? "/namespaces/" + namespace : "";
        return prefix + ns + "/" + HasMetadata.getPlural(type);
    }

    public static String objectPath(Class<? extends HasMetadata> type, String namespace, String name) {
        return collectionPath(type, namespace) + "/" + name;
    }

    @SuppressWarnings("unchecked")
    public <T extends HasMetadata> T create(T object) {
        MockResponse response = send(HttpMethod.POST, collectionPath(object.getClass(), object.getMetadata().getNamespace()),
                "application/json", Serialization.asJson(object));
        return parse(response, (Class<T>) object.getClass(), "create");
    }

    /** Like {@link #create}, but null when the name is taken (409 AlreadyExists) instead of an exception. */
    @SuppressWarnings("unchecked")
    public <T extends HasMetadata> T createIfAbsent(T object) {
        MockResponse response = send(HttpMethod.POST, collectionPath(object.getClass(), object.getMetadata().getNamespace()),
                "application/json", Serialization.asJson(object));
        return response.code() == 409 ? null : parse(response, (Class<T>) object.getClass(), "create");
    }

    public <T extends HasMetadata> T get(Class<T> type, String namespace, String name) {
        MockResponse response = send(HttpMethod.GET, objectPath(type, namespace, name), null, null);
        if (response.code() == 404) {
            return null;
        }
        return parse(response, type, "get");
    }

    public <T extends HasMetadata, L extends KubernetesResourceList<T>> List<T> list(Class<T> type, Class<L> listType,
            String namespace) {
        MockResponse response = send(HttpMethod.GET, collectionPath(type, namespace), null, null);
        return parse(response, listType, "list").getItems();
    }

    /**
     * Replaces the status subresource (PUT .../status): never races with a client changing spec, and replaces lists
     * whole (the mock's merge patch would append to them).
     */
    public void putStatus(HasMetadata object, Object status) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("apiVersion", object.getApiVersion() != null ? object.getApiVersion() : HasMetadata.getApiVersion(object.getClass()));
        body.put("kind", object.getKind() != null ? object.getKind() : HasMetadata.getKind(object.getClass()));
        body.put("metadata", Map.of("name", object.getMetadata().getName(), "namespace",
                object.getMetadata().getNamespace() == null ? "" : object.getMetadata().getNamespace()));
        body.put("status", status);
        MockResponse response = send(HttpMethod.PUT,
                objectPath(object.getClass(), object.getMetadata().getNamespace(), object.getMetadata().getName()) + "/status",
                "application/json", Serialization.asJson(body));
        check(response, "put status of " + object.getMetadata().getName());
    }

    /** RFC 6902 JSON patch, e.g. to remove a field (the mock's merge patch cannot shrink lists). */
    public void jsonPatch(Class<? extends HasMetadata> type, String namespace, String name, String patchJson) {
        check(send(HttpMethod.PATCH, objectPath(type, namespace, name), "application/json-patch+json", patchJson),
                "json patch " + name);
    }

    /** JSON merge patch of the whole object. */
    public <T extends HasMetadata> T patch(Class<T> type, String namespace, String name, String mergePatchJson) {
        MockResponse response = send(HttpMethod.PATCH, objectPath(type, namespace, name), "application/merge-patch+json",
                mergePatchJson);
        return parse(response, type, "patch " + name);
    }

    public boolean delete(Class<? extends HasMetadata> type, String namespace, String name) {
        MockResponse response = send(HttpMethod.DELETE, objectPath(type, namespace, name), null, null);
        return response.code() < 300;
    }

    public MockResponse send(HttpMethod method, String path, String contentType, String body) {
        Headers.Builder headers = Headers.builder();
        if (contentType != null) {
            headers.add("Content-Type", contentType);
        }
        Buffer buffer = body == null ? new Buffer() : new Buffer(body.getBytes(StandardCharsets.UTF_8));
        return crud.dispatch(new RecordedRequest("HTTP/1.1", method, path, headers.build(), buffer));
    }

    private static <T> T parse(MockResponse response, Class<T> type, String what) {
        check(response, what);
        return Serialization.unmarshal(response.getBody().readUtf8(), type);
    }

    private static void check(MockResponse response, String what) {
        if (response.code() >= 300) {
            String body = response.getBody() == null ? "" : response.getBody().readUtf8();
            throw new IllegalStateException(what + " failed: HTTP " + response.code() + " " + body);
        }
    }
}
