package dev.scalebus.autoscaler.hpa;

/**
 * The target's autoscaling/v1 Scale subresource.
 *
 * @param specReplicas   spec.replicas (the controller's currentReplicas)
 * @param statusReplicas status.replicas (used by AverageValue Object/External metrics)
 * @param selector       status.selector in label-selector string form; empty or null means missing
 */
public record ScaleView(int specReplicas, int statusReplicas, String selector) {
}
