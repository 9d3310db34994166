package dev.scalebus.autoscaler.kube;

import dev.scalebus.autoscaler.hpa.HpaSpec;
import dev.scalebus.autoscaler.hpa.ScaleView;

/** The target's scale: read (spec replicas, status replicas, selector) and write (spec replicas). */
public interface TargetScaler {

    /** @throws IllegalStateException with the reason when the target cannot be read */
    ScaleView read(String namespace, HpaSpec.TargetRef target);

    /** @return null on success, else the error text */
    String write(String namespace, HpaSpec.TargetRef target, int replicas);
}
