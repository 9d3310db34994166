package dev.scalebus.autoscaler.history;

/** The workload a backtest replays: its namespace, owner kind (Deployment, StatefulSet, ...) and name. */
public record WorkloadRef(String namespace, String kind, String name) {
}
