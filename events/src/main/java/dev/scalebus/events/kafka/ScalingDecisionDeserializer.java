package dev.scalebus.events.kafka;

import dev.scalebus.events.ScalingDecision;

/** Reads {@link ScalingDecision} events; configure as {@code value.deserializer}. */
public class ScalingDecisionDeserializer extends EventDeserializer<ScalingDecision> {

    public ScalingDecisionDeserializer() {
        super(ScalingDecision.class);
    }
}
