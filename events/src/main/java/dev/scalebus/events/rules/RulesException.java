package dev.scalebus.events.rules;

/** An adapter rules file that cannot be used; the message names the field ({@code rules[0].metricsQuery: ...}). */
public class RulesException extends RuntimeException {

    public RulesException(String message) {
        super(message);
    }
}
