package dev.scalebus.events.kafka;

import dev.scalebus.events.EventJson;
import dev.scalebus.events.MalformedEventException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads one scalebus event type. A malformed record fails with a {@link SerializationException} whose message
 * says what is wrong (its cause is the {@link MalformedEventException}), never with a half-filled event.
 */
public abstract class EventDeserializer<T> implements Deserializer<T> {

    private final Class<T> type;

    protected EventDeserializer(Class<T> type) {
        this.type = type;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null; // a tombstone
        }
        try {
            return EventJson.fromBytes(data, type);
        } catch (MalformedEventException e) {
            throw new SerializationException(e.getMessage() + " (topic " + topic + ")", e);
        }
    }
}
