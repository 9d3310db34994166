package dev.scalebus.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.utils.ResponseProvider;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesServerTestResource;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.Set;
import java.util.function.Function;

/**
 * The fabric8 mock Kubernetes API server taught the two delegated reviews (CRUD mode would only echo them back with
 * an empty status). Tokens: {@link #ADMIN} (may read everything), {@link #ALICE} (may get/list samples and
 * decisions in namespaces starting with {@code alice-} only), {@link #BOB} (authenticated, may read nothing),
 * {@link #REVIEW_DOWN} (the TokenReview fails with a 500), {@link #SAR_DOWN} (a user whose SubjectAccessReview fails
 * with a 500). Any other token is not authenticated.
 */
public class ApiServer extends KubernetesServerTestResource {

    public static final String ADMIN = "admin-token";
    public static final String ALICE = "alice-token";
    public static final String BOB = "bob-token";
    public static final String REVIEW_DOWN = "review-down-token";
    public static final String SAR_DOWN = "sar-down-token";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, String> USERS = Map.of(ADMIN, "admin", ALICE, "alice", BOB, "bob",
            SAR_DOWN, "sar-down");
    private static final Set<String> READABLE = Set.of("samples", "decisions");

    @Override
    protected void configureServer() {
        super.configureServer();
        install(server);
    }

    static void install(KubernetesServer server) {
        server.expect().post().withPath("/apis/authentication.k8s.io/v1/tokenreviews").andReply(provider(review -> {
            String token = review.at("/spec/token").asText();
            if (token.equals(REVIEW_DOWN)) {
                return null;
            }
            String user = USERS.get(token);
            ObjectNode status = MAPPER.createObjectNode().put("authenticated", user != null);
            if (user != null) {
                status.putObject("user").put("username", user).put("uid", "uid-" + user).putArray("groups").add("team");
            }
            ((ObjectNode) review).set("status", status);
            return review;
        })).always();
        server.expect().post().withPath("/apis/authorization.k8s.io/v1/subjectaccessreviews").andReply(
                provider(review -> {
                    String user = review.at("/spec/user").asText();
                    if (user.equals("sar-down")) {
                        return null;
                    }
                    JsonNode attributes = review.at("/spec/resourceAttributes");
                    String namespace = attributes.path("namespace").asText("");
                    boolean reads = attributes.path("group").asText().equals("scalebus.dev")
                            && READABLE.contains(attributes.path("resource").asText())
                            && Set.of("get", "list").contains(attributes.path("verb").asText());
                    boolean allowed = user.equals("admin")
                            || user.equals("alice") && reads && namespace.startsWith("alice-");
                    ((ObjectNode) review).set("status", MAPPER.createObjectNode().put("allowed", allowed)
                            .put("reason", allowed ? "RBAC: allowed by test" : ""));
                    return review;
                })).always();
    }

    /** Answers 201 with the body the function makes of the request, or 500 when it makes none. */
    private static ResponseProvider<Object> provider(Function<JsonNode, JsonNode> answer) {
        return new ResponseProvider<>() {
            private Headers headers = Headers.builder().build();
            // the server asks for the status and the body separately; a request's body can be read only once
            private final Map<RecordedRequest, Optional<JsonNode>> answers =
                    Collections.synchronizedMap(new WeakHashMap<>());

            private Optional<JsonNode> answer(RecordedRequest request) {
                return answers.computeIfAbsent(request,
                        r -> Optional.ofNullable(answer.apply(read(r.getUtf8Body()))));
            }

            @Override
            public Object getBody(RecordedRequest request) {
                return answer(request).<Object>map(b -> b)
                        .orElse("{\"kind\":\"Status\",\"status\":\"Failure\",\"code\":500}");
            }

            @Override
            public int getStatusCode(RecordedRequest request) {
                return answer(request).isPresent() ? 201 : 500;
            }

            @Override
            public Headers getHeaders() {
                return headers;
            }

            @Override
            public void setHeaders(Headers headers) {
                this.headers = headers;
            }
        };
    }

    private static JsonNode read(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
