package dev.scalebus.simulator.kube;

import dev.scalebus.simulator.workload.LoadProfile;
import dev.scalebus.simulator.workload.WorkloadSpec;

/** Which load model a Deployment gets when the controller first sees it (from the scenario, else a default). */
public interface WorkloadCatalog {

    record Entry(WorkloadSpec spec, LoadProfile profile) {
    }

    Entry lookup(String namespace, String deploymentName);
}
