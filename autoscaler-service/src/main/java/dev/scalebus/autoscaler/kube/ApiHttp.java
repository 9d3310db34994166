package dev.scalebus.autoscaler.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Raw requests to the API server with the fabric8 client's HTTP client (its authentication and TLS), for the
 * paths no typed fabric8 call covers: /scale of any resource, discovery, custom and external metrics.
 */
@ApplicationScoped
public class ApiHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 10;

    private final KubernetesClient client;
    private final HttpClient http;

    public ApiHttp(KubernetesClient client) {
        this.client = client;
        // one attempt per request as client-go makes (fabric8 would retry a 5xx answer for seconds): an error
        // reaches the evaluation it belongs to, and the next evaluation asks again
        this.http = client.getHttpClient().newBuilder().tag(new RequestConfigBuilder(
                client.getConfiguration().getRequestConfig()).withRequestRetryBackoffLimit(0).build()).build();
    }

    /** An answer: the HTTP code and the parsed JSON body (a missing node when the body is not JSON). */
    public record Response(int code, JsonNode body, String text) {

        public boolean ok() {
            return code >= 200 && code < 300;
        }

        /**
         * The error as client-go states it: the Status message when the body is a Status, else the generic text
         * for the code (apimachinery errors.NewGenericServerResponse).
         */
        public String error() {
            String message = body.path("message").asText("");
            if ("Status".equals(body.path("kind").asText()) && !message.isEmpty()) {
                return message;
            }
            return switch (code) {
                case 404 -> "the server could not find the requested resource";
                case 401 -> "Unauthorized";
                case 403 -> "forbidden";
                case 409 -> "the server reported a conflict";
                case 429 -> "the server has received too many requests and has asked us to try again later";
                case 503 -> "the server is currently unable to handle the request";
                case 504 -> "the server was unable to return a response in the time allotted, but may still be "
                        + "processing the request";
                case 500 -> "an error on the server (\"" + text.strip() + "\") has prevented the request from "
                        + "succeeding";
                default -> "the server responded with the status code " + code
                        + " but did not return more information";
            };
        }
    }

    public Response get(String path) {
        return send(builder(path).build());
    }

    public Response put(String path, String json) {
        return send(builder(path).put("application/json", json).build());
    }

    private HttpRequest.Builder builder(String path) {
        String base = client.getConfiguration().getMasterUrl().replaceAll("/+$", "");
        return http.newHttpRequestBuilder().uri(base + path).header("Accept", "application/json")
                .timeout(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** @throws ApiException when the server cannot be reached (client-go's transport errors) */
    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.sendAsync(request, String.class)
                    .get(TIMEOUT_SECONDS + 1, TimeUnit.SECONDS);
            String text = r.body() == null ? "" : r.body();
            JsonNode body;
            try {
                body = text.isBlank() ? JSON.missingNode() : JSON.readTree(text);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                body = JSON.missingNode();
            }
            return new Response(r.code(), body == null ? JSON.missingNode() : body, text);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException("interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ApiException(verb(request) + " \"" + request.uri() + "\": " + cause.getMessage());
        } catch (TimeoutException e) {
            throw new ApiException(verb(request) + " \"" + request.uri() + "\": context deadline exceeded");
        }
    }

    // Go's net/http error prefix: "Get", "Put"
    private static String verb(HttpRequest request) {
        String m = request.method();
        return m.charAt(0) + m.substring(1).toLowerCase(java.util.Locale.ROOT);
    }

    /** The API server could not be reached, or answered an error; the message is client-go's wording. */
    public static final class ApiException extends RuntimeException {
        public ApiException(String message) {
            super(message);
        }
    }
}
