package dev.scalebus.events.kafka;

import dev.scalebus.events.EventJson;
import org.apache.kafka.common.serialization.Serializer;

/** Writes any scalebus event as its JSON form. */
public class EventSerializer implements Serializer<Object> {

    @Override
    public byte[] serialize(String topic, Object event) {
        return event == null ? null : EventJson.toBytes(event);
    }
}
