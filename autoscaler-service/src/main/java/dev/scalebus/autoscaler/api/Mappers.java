package dev.scalebus.autoscaler.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.scalebus.events.Quantity;
import java.io.IOException;

/**
 * Strict readers for API input (JSON and YAML; unknown fields are errors so typos are reported) and the Jackson
 * module that reads and writes Kubernetes quantities as their string form.
 */
public final class Mappers {

    private static final ObjectMapper JSON = configure(JsonMapper.builder()).build();
    private static final ObjectMapper YAML = configure(YAMLMapper.builder()).build();

    private Mappers() {
    }

    private static <M extends ObjectMapper, B extends com.fasterxml.jackson.databind.cfg.MapperBuilder<M, B>> B
            configure(B builder) {
        return builder.addModule(new JavaTimeModule()).addModule(quantityModule()).addModule(StepCap.module())
                .addMixIn(dev.scalebus.autoscaler.hpa.HpaSpec.class, AutoscalerSpecMixin.class)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES);
    }

    /** A HorizontalAutoscaler spec is an HPA spec plus dryRun, which the evaluation itself does not read. */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties({"dryRun"})
    private abstract static class AutoscalerSpecMixin {
    }

    /** Quantity as its canonical string; read from a string or a number. */
    public static SimpleModule quantityModule() {
        SimpleModule m = new SimpleModule("kubernetes-quantity");
        m.addSerializer(Quantity.class, new JsonSerializer<>() {
            @Override
            public void serialize(Quantity q, JsonGenerator gen, SerializerProvider p) throws IOException {
                gen.writeString(q.toString());
            }
        });
        m.addDeserializer(Quantity.class, new JsonDeserializer<>() {
            @Override
            public Quantity deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                JsonToken t = p.currentToken();
                if (t != JsonToken.VALUE_STRING && !t.isNumeric()) {
                    throw JsonMappingException.from(p, "expected a quantity such as \"250m\" or \"1Gi\"");
                }
                try {
                    return Quantity.parse(p.getText().trim());
                } catch (IllegalArgumentException e) {
                    throw JsonMappingException.from(p, e.getMessage());
                }
            }
        });
        return m;
    }

    /** Reads a body as JSON or, for a YAML media type, YAML; syntax and type errors name the field. */
    public static <T> T read(String body, String contentType, Class<T> type) {
        return read(body, contentType, type, null);
    }

    /**
     * As {@link #read(String, String, Class)}, stopping at the first what-if step over {@code maxSteps} (null: no
     * limit) with a 400 naming {@code steps}.
     */
    public static <T> T read(String body, String contentType, Class<T> type, Integer maxSteps) {
        if (body == null || body.isBlank()) {
            throw new BadInputException("", "request body is empty");
        }
        boolean yaml = contentType != null && contentType.toLowerCase().contains("yaml");
        try {
            ObjectReader reader = (yaml ? YAML : JSON).readerFor(type);
            T value = (maxSteps == null ? reader : reader.withAttribute(StepCap.MAX, maxSteps)).readValue(body);
            if (value == null) {
                throw new BadInputException("", "request body is null");
            }
            return value;
        } catch (JsonMappingException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BadInputException limit) {
                    throw limit;
                }
            }
            throw new BadInputException(path(e), e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new BadInputException("", (yaml ? "malformed YAML: " : "malformed JSON: ") + e.getOriginalMessage());
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    /** Converts a parsed object (e.g. a custom resource's spec map) to a model type, naming the bad field. */
    public static <T> T convert(Object value, Class<T> type) {
        try {
            return JSON.convertValue(value, type);
        } catch (IllegalArgumentException e) {
            if (e.getCause() instanceof JsonMappingException m) {
                throw new BadInputException(path(m), m.getOriginalMessage());
            }
            throw new BadInputException("", e.getMessage());
        }
    }

    public static ObjectMapper json() {
        return JSON;
    }

    public static ObjectMapper yaml() {
        return YAML;
    }
}
