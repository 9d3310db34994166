package dev.scalebus.events.kafka;

import dev.scalebus.events.CustomMetricSamples;

/** Reads {@link CustomMetricSamples} events; configure as {@code value.deserializer}. */
public class CustomMetricSamplesDeserializer extends EventDeserializer<CustomMetricSamples> {

    public CustomMetricSamplesDeserializer() {
        super(CustomMetricSamples.class);
    }
}
