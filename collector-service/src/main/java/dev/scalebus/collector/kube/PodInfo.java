package dev.scalebus.collector.kube;

import dev.scalebus.events.OwnerReference;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the API server knows of a pod, for enriching scrapes; no fabric8 types so plain code can use it. */
public record PodInfo(
        String uid,
        String nodeName,
        Map<String, String> labels,
        OwnerReference owner,
        String phase,
        Boolean ready,
        Instant readyTransitionTime,
        Instant startTime,
        boolean deleting,
        List<ContainerSpec> containers) {

    public PodInfo {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        containers = List.copyOf(containers);
    }

    /**
     * One container of the pod spec with its resources; {@code sidecar} for a restartable init container.
     * Non-restartable init containers are not listed: they do not run beside the app and the HPA ignores them.
     */
    public record ContainerSpec(String name, boolean sidecar, Long cpuRequestMilliCores, Long cpuLimitMilliCores,
            Long memoryRequestBytes, Long memoryLimitBytes) {
    }
}
