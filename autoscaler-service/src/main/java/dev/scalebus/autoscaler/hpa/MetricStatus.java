package dev.scalebus.autoscaler.hpa;

import dev.scalebus.events.Quantity;

/**
 * One entry of status.currentMetrics, flattened: the source type, the metric (resource or custom name), and the
 * MetricValueStatus. Quantities print canonically.
 */
public record MetricStatus(String type, String name, String container, Integer averageUtilization,
        Quantity averageValue, Quantity value) {
}
