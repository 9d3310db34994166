package dev.scalebus.events;

/**
 * The controller owning a pod, as in its ownerReferences entry with controller=true.
 *
 * @param kind e.g. {@code ReplicaSet}, {@code StatefulSet}, {@code DaemonSet}, {@code Job}
 * @param name the owner's name
 */
public record OwnerReference(String kind, String name) {

    public OwnerReference {
        Required.text(kind, "OwnerReference", "kind");
        Required.text(name, "OwnerReference", "name");
    }
}
