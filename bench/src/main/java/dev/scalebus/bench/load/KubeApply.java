package dev.scalebus.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Creates the objects of a YAML file (one or more documents) on the simulated API server with a plain POST of their
 * JSON, as {@code ./scalebus up} does for the examples: kubectl cannot map custom kinds on the simulator. The path is
 * {@code /api/v1} or {@code /apis/GROUP/VERSION}, plus {@code /namespaces/NS} when the object has a namespace, plus
 * the lower-case kind + "s" (right for the kinds the bench creates: CustomResourceDefinition, HorizontalAutoscaler).
 */
final class KubeApply {

    private KubeApply() {
    }

    static void create(String apiServerUrl, Path file) throws IOException, InterruptedException {
        ObjectMapper json = new ObjectMapper();
        HttpClient http = HttpClient.newHttpClient();
        try (MappingIterator<JsonNode> docs = new ObjectMapper(new YAMLFactory()).readerFor(JsonNode.class)
                .readValues(file.toFile())) {
            while (docs.hasNext()) {
                JsonNode object = docs.next();
                if (object == null || object.isMissingNode() || object.isEmpty()) {
                    continue;
                }
                String apiVersion = object.path("apiVersion").asText();
                String namespace = object.path("metadata").path("namespace").asText("");
                String path = (apiVersion.contains("/") ? "/apis/" : "/api/") + apiVersion
                        + (namespace.isEmpty() ? "" : "/namespaces/" + namespace)
                        + "/" + object.path("kind").asText().toLowerCase(Locale.ROOT) + "s";
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(apiServerUrl + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(object))).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() / 100 != 2) {
                    throw new IOException("POST " + path + " from " + file + ": " + answer.statusCode() + " "
                            + answer.body());
                }
            }
        }
    }
}
