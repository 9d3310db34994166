package dev.scalebus.metricsapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import java.util.Set;

/**
 * Teaches the fabric8 mock apiserver the two delegated reviews. CRUD mode would only echo a created TokenReview or
 * SubjectAccessReview back with an empty status, so these two paths get expectations (mixed dispatcher):
 * tokens "good-rbac" (alice), "good-norbac" (bob) and "good-mine" (carol) are valid; alice and the front-proxy user
 * may do anything, carol anything in namespace {@value #CAROLS_NAMESPACE} only (a wildcard Role there).
 */
final class ApiServerMock {

    static final String RBAC_TOKEN = "good-rbac";
    static final String NO_RBAC_TOKEN = "good-norbac";
    static final String MINE_TOKEN = "good-mine";
    static final String CAROLS_NAMESPACE = "mine";
    static final String PROXY_USER = "proxy-admin";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> ALLOWED_USERS = Set.of("alice", PROXY_USER);

    private ApiServerMock() {
    }

    static void install(KubernetesServer server) {
        server.expect().post().withPath("/apis/authentication.k8s.io/v1/tokenreviews").andReply(201, request -> {
            JsonNode review = read(request.getUtf8Body());
            String token = review.at("/spec/token").asText();
            String user = token.equals(RBAC_TOKEN) ? "alice" : token.equals(NO_RBAC_TOKEN) ? "bob"
                    : token.equals(MINE_TOKEN) ? "carol" : null;
            var status = MAPPER.createObjectNode().put("authenticated", user != null);
            if (user != null) {
                status.putObject("user").put("username", user).put("uid", "uid-" + user)
                        .putArray("groups").add("team");
            }
            ((com.fasterxml.jackson.databind.node.ObjectNode) review).set("status", status);
            return review;
        }).always();
        server.expect().post().withPath("/apis/authorization.k8s.io/v1/subjectaccessreviews").andReply(201,
                request -> {
                    JsonNode review = read(request.getUtf8Body());
                    String user = review.at("/spec/user").asText();
                    boolean allowed = ALLOWED_USERS.contains(user) || user.equals("carol")
                            && review.at("/spec/resourceAttributes/namespace").asText().equals(CAROLS_NAMESPACE);
                    ((com.fasterxml.jackson.databind.node.ObjectNode) review).set("status",
                            MAPPER.createObjectNode().put("allowed", allowed)
                                    .put("reason", allowed ? "RBAC: allowed by test" : ""));
                    return review;
                }).always();
    }

    private static JsonNode read(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
