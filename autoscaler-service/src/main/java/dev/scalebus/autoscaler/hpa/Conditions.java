package dev.scalebus.autoscaler.hpa;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Upstream {@code setConditionInList}: keyed by type, appended in first-set order, transition time on flips. */
public final class Conditions {

    private final List<Condition> list;
    private final Instant now;

    public Conditions(List<Condition> previous, Instant now) {
        this.list = new ArrayList<>(previous == null ? List.of() : previous);
        this.now = now;
    }

    public void set(String type, String status, String reason, String message) {
        for (int i = 0; i < list.size(); i++) {
            Condition c = list.get(i);
            if (c.type().equals(type)) {
                Instant transition = status.equals(c.status()) ? c.lastTransitionTime() : now;
                list.set(i, new Condition(type, status, reason, message, transition));
                return;
            }
        }
        list.add(new Condition(type, status, reason, message, now));
    }

    public List<Condition> list() {
        return List.copyOf(list);
    }
}
