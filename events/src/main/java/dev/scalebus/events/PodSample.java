package dev.scalebus.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One pod as one kubelet scrape saw it, enriched from the API server so that consumers need no lookups.
 *
 * @param namespace           the pod's namespace
 * @param name                the pod's name
 * @param uid                 the pod's metadata.uid; null when the API server did not know the pod yet
 * @param labels              the pod's labels
 * @param owner               the controlling owner; null for a bare pod
 * @param phase               status.phase: Pending, Running, Succeeded, Failed or Unknown; null when unknown
 * @param ready               whether the Ready condition is True; null when the pod has no Ready condition
 * @param readyTransitionTime lastTransitionTime of the Ready condition; null without one
 * @param startTime           status.startTime, when the kubelet accepted the pod
 * @param deleting            whether metadata.deletionTimestamp is set
 * @param containers          the pod's containers with their usage; init containers only when restartable (sidecars)
 */
public record PodSample(
        String namespace,
        String name,
        String uid,
        Map<String, String> labels,
        OwnerReference owner,
        String phase,
        Boolean ready,
        Instant readyTransitionTime,
        Instant startTime,
        boolean deleting,
        List<ContainerSample> containers) {

    public PodSample {
        Required.text(namespace, "PodSample", "namespace");
        Required.text(name, "PodSample", "name");
        labels = Required.map(labels);
        containers = Required.list(containers);
    }
}
