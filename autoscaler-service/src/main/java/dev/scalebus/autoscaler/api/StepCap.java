package dev.scalebus.autoscaler.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * Counts the steps of a what-if request while it is parsed and stops the parse at the first step over
 * {@code simulate.max-steps} (a read with the {@link #MAX} attribute), so a request of 300,000 steps is refused after
 * 10,001 of them rather than after building all of them (parsing 0.9 MB of JSON steps took 0.1 to 0.7 s, of YAML
 * 0.8 to 2.4 s, on the shared 2-core build machine). Reads without the attribute are not counted.
 */
final class StepCap {

    /** The read attribute holding the step limit (an Integer). */
    static final String MAX = "scalebus.simulate.max-steps";
    private static final String SEEN = "scalebus.simulate.steps-seen";

    private StepCap() {
    }

    static SimpleModule module() {
        SimpleModule m = new SimpleModule("simulate-step-cap");
        m.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription bean,
                    JsonDeserializer<?> deserializer) {
                return bean.getBeanClass() == SimulateRequest.Step.class ? new Counting(deserializer) : deserializer;
            }
        });
        return m;
    }

    /** The 400 of a request over the step limit, worded as {@link SimulateLimits}' caps. */
    static BadInputException tooMany(int max) {
        return new BadInputException("steps", "has more than " + max + " items, over the limit of " + max
                + " (scalebus.autoscaler.simulate.max-steps)");
    }

    private static final class Counting extends DelegatingDeserializer {

        Counting(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new Counting(delegate);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (ctxt.getAttribute(MAX) instanceof Integer max) {
                int seen = ctxt.getAttribute(SEEN) instanceof Integer n ? n + 1 : 1;
                ctxt.setAttribute(SEEN, seen);
                if (seen > max) {
                    throw tooMany(max);
                }
            }
            return super.deserialize(p, ctxt);
        }
    }
}
