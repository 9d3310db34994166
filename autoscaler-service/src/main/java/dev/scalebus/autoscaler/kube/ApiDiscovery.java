package dev.scalebus.autoscaler.kube;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scalebus.autoscaler.controller.AutoscalerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API discovery as a cached RESTMapper (client-go restmapper.DeferredDiscoveryRESTMapper over a memory-cached
 * discovery client): group kind → resources in the group's versions, preferred version first. The cache is dropped
 * every {@code discovery-refresh} (kube-controller-manager resets its mapper every 30 s) and on a miss, so a kind
 * or an APIService registered later is found.
 */
@ApplicationScoped
public class ApiDiscovery {

    /** Never rediscover on a miss more often than this (a misconfigured autoscaler is evaluated often). */
    private static final Duration MISS_REFRESH_MIN = Duration.ofSeconds(2);

    /** One RESTMapping: the resource serving a kind in one group version. */
    public record Mapping(String group, String version, String resource, boolean namespaced) {

        /** The path prefix of this group version: /api/v1 or /apis/GROUP/VERSION. */
        public String prefix() {
            return group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
        }

        /** schema.GroupResource.String(): resource.group, or resource for the core group. */
        public String groupResource() {
            return group.isEmpty() ? resource : resource + "." + group;
        }
    }

    private final ApiHttp http;
    private final Clock clock;
    private final Duration refresh;
    private volatile Map<String, List<String>> groups; // group -> versions, preferred first
    private final Map<String, List<JsonNode>> resources = new ConcurrentHashMap<>(); // group/version -> resources
    private volatile Instant loadedAt = Instant.EPOCH;

    public ApiDiscovery(ApiHttp http, Clock clock, AutoscalerConfig config) {
        this.http = http;
        this.clock = clock;
        this.refresh = config.discoveryRefresh();
    }

    /**
     * RESTMappings(groupKind): every resource of {@code kind} in {@code group}, preferred version first.
     *
     * @throws ApiHttp.ApiException "no matches for kind ..." (meta.NoKindMatchError) or a discovery failure
     */
    public List<Mapping> mappings(String group, String kind) {
        List<Mapping> found = find(group, kind);
        if (found.isEmpty() && refreshOnMiss()) {
            found = find(group, kind);
        }
        if (found.isEmpty()) {
            throw new ApiHttp.ApiException("no matches for kind \"" + kind + "\" in group \"" + group + "\"");
        }
        return found;
    }

    /** The versions the server serves for {@code group}, preferred first; empty when the group is not served. */
    public List<String> versions(String group) {
        List<String> versions = groups().getOrDefault(group, List.of());
        if (versions.isEmpty() && refreshOnMiss()) {
            versions = groups().getOrDefault(group, List.of());
        }
        return versions;
    }

    /** Drops everything discovered (Reset()). */
    public synchronized void reset() {
        groups = null;
        resources.clear();
    }

    private synchronized boolean refreshOnMiss() {
        if (Duration.between(loadedAt, clock.instant()).compareTo(MISS_REFRESH_MIN) < 0) {
            return false;
        }
        reset();
        return true;
    }

    private List<Mapping> find(String group, String kind) {
        List<Mapping> out = new ArrayList<>();
        for (String version : groups().getOrDefault(group, List.of())) {
            for (JsonNode r : resources(group, version)) {
                String name = r.path("name").asText();
                if (kind.equals(r.path("kind").asText()) && !name.contains("/")) {
                    out.add(new Mapping(group, version, name, r.path("namespaced").asBoolean()));
                }
            }
        }
        return out;
    }

    private Map<String, List<String>> groups() {
        Map<String, List<String>> g = groups;
        if (g != null && Duration.between(loadedAt, clock.instant()).compareTo(refresh) < 0) {
            return g;
        }
        synchronized (this) {
            resources.clear();
            Map<String, List<String>> loaded = new LinkedHashMap<>();
            ApiHttp.Response core = http.get("/api");
            if (!core.ok()) {
                throw new ApiHttp.ApiException("unable to retrieve the complete list of server APIs: " + core.error());
            }
            List<String> coreVersions = new ArrayList<>();
            core.body().path("versions").forEach(v -> coreVersions.add(v.asText()));
            loaded.put("", coreVersions);
            ApiHttp.Response apis = http.get("/apis");
            if (!apis.ok()) {
                throw new ApiHttp.ApiException("unable to retrieve the complete list of server APIs: " + apis.error());
            }
            for (JsonNode group : apis.body().path("groups")) {
                List<String> versions = new ArrayList<>();
                String preferred = group.path("preferredVersion").path("version").asText("");
                if (!preferred.isEmpty()) {
                    versions.add(preferred);
                }
                group.path("versions").forEach(v -> {
                    if (!versions.contains(v.path("version").asText())) {
                        versions.add(v.path("version").asText());
                    }
                });
                loaded.put(group.path("name").asText(), List.copyOf(versions));
            }
            groups = loaded;
            loadedAt = clock.instant();
            return loaded;
        }
    }

    private List<JsonNode> resources(String group, String version) {
        String gv = group.isEmpty() ? version : group + "/" + version;
        return resources.computeIfAbsent(gv, k -> {
            ApiHttp.Response r = http.get(group.isEmpty() ? "/api/" + version : "/apis/" + gv);
            List<JsonNode> list = new ArrayList<>();
            if (r.ok()) {
                r.body().path("resources").forEach(list::add);
            }
            return list; // an unavailable group version maps nothing (a partial discovery failure, as upstream)
        });
    }
}
