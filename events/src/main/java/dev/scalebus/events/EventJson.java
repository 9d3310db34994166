package dev.scalebus.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;

/**
 * The JSON form of every event: RFC 3339 times, nulls left out, unknown fields ignored on read (so an older
 * consumer reads a newer event), and a {@link MalformedEventException} naming the problem on bad input.
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private EventJson() {
    }

    /** The configured mapper, for callers that need a reader or a tree. Do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] toBytes(Object event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + event.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public static String toJson(Object event) {
        return new String(toBytes(event), java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Reads one event. Never returns a half-filled object: a syntax error, a value of the wrong type or a missing
     * required field all throw {@link MalformedEventException} with the event type and the reason.
     */
    public static <T> T fromBytes(byte[] json, Class<T> type) {
        if (json == null || json.length == 0) {
            throw new MalformedEventException("malformed " + type.getSimpleName() + " event: empty payload");
        }
        try {
            T event = MAPPER.readValue(json, type);
            if (event == null) {
                throw new MalformedEventException("malformed " + type.getSimpleName() + " event: JSON null");
            }
            return event;
        } catch (MalformedEventException e) {
            throw e;
        } catch (JsonMappingException e) {
            MalformedEventException cause = findCause(e);
            String reason = cause != null ? cause.getMessage() : describe(e);
            throw new MalformedEventException("malformed " + type.getSimpleName() + " event: " + reason, e);
        } catch (IOException e) {
            throw new MalformedEventException("malformed " + type.getSimpleName() + " event: " + describe(e), e);
        }
    }

    private static MalformedEventException findCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MalformedEventException m) {
                return m;
            }
        }
        return null;
    }

    private static String describe(IOException e) {
        String path = e instanceof JsonMappingException m && !m.getPath().isEmpty()
                ? " at " + m.getPathReference() : "";
        String message = e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage();
        return message + path;
    }
}
