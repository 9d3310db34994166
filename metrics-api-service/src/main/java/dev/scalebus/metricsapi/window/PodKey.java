package dev.scalebus.metricsapi.window;

import java.util.Comparator;

/** A pod's identity; ordered by namespace then name, the order metrics-server lists pods in. */
public record PodKey(String namespace, String name) implements Comparable<PodKey> {

    private static final Comparator<PodKey> ORDER =
            Comparator.comparing(PodKey::namespace).thenComparing(PodKey::name);

    @Override
    public int compareTo(PodKey other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
