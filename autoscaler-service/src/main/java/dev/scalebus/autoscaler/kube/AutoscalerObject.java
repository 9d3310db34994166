package dev.scalebus.autoscaler.kube;

import dev.scalebus.autoscaler.hpa.HpaSpec;
import dev.scalebus.autoscaler.hpa.HpaStatus;

/**
 * A HorizontalAutoscaler as the controller reads it; {@code uid} is metadata.uid (null when the API server gave
 * none); {@code specError} is set when its spec cannot be used.
 */
public record AutoscalerObject(String namespace, String name, String uid, Long generation, HpaSpec spec, boolean dryRun,
        HpaStatus status, String specError) {

    public String key() {
        return namespace + "/" + name;
    }
}
