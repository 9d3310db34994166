package dev.scalebus.autoscaler.hpa;

import dev.scalebus.events.Quantity;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the HPA controller reads of one pod from its informer.
 *
 * @param name                the pod's name
 * @param phase               status.phase (Pending, Running, Succeeded, Failed, Unknown)
 * @param ready               status of the Ready condition; null when the pod has no Ready condition
 * @param readyTransitionTime lastTransitionTime of the Ready condition
 * @param startTime           status.startTime; null when not started
 * @param deleting            whether deletionTimestamp is set
 * @param labels              the pod's labels; null means "selected by the target's selector" (for what-if input)
 * @param containers          containers and restartable init containers (sidecars) with their requests
 */
public record PodInfo(String name, String phase, Boolean ready, Instant readyTransitionTime, Instant startTime,
        boolean deleting, Map<String, String> labels, List<ContainerInfo> containers) {

    public PodInfo {
        containers = containers == null ? List.of() : List.copyOf(containers);
    }

    /**
     * One container's requests.
     *
     * @param name            container name
     * @param restartableInit true for an init container with restartPolicy Always (a sidecar): its requests count
     * @param initOnly        true for a plain init container: never counted
     * @param requests        resource name to requested quantity
     */
    public record ContainerInfo(String name, boolean restartableInit, boolean initOnly, Map<String, Quantity> requests) {
        public ContainerInfo {
            requests = requests == null ? Map.of() : Map.copyOf(requests);
        }
    }
}
