package dev.scalebus.metricsapi.lag;

/** A topic partition, kept free of Kafka client types so the lag arithmetic stays plain Java. */
public record Partition(String topic, int partition) {
}
