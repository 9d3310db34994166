package dev.scalebus.autoscaler.backtest;

import java.time.Instant;

/**
 * One recorded pod sample of the workload (a raw row of history's pod samples, containers summed).
 *
 * @param time                 the scrape time (sample_time)
 * @param pod                  the pod's name
 * @param phase                status.phase when recorded; null is read as Running
 * @param ready                the Ready condition when recorded; null is read as not ready
 * @param cpuNanoCores         cpu usage; null when the pod had no cpu rate yet
 * @param memoryBytes          memory working set; null when unknown
 * @param cpuRequestMilliCores the pod's cpu requests; null when none
 * @param memoryRequestBytes   the pod's memory requests; null when none
 * @param node                 the node whose scrape carried the sample; null when unknown
 */
public record RecordedPod(Instant time, String pod, String phase, Boolean ready, Long cpuNanoCores, Long memoryBytes,
        Long cpuRequestMilliCores, Long memoryRequestBytes, String node) {

    /** A sample of a single-node recording. */
    public RecordedPod(Instant time, String pod, String phase, Boolean ready, Long cpuNanoCores, Long memoryBytes,
            Long cpuRequestMilliCores, Long memoryRequestBytes) {
        this(time, pod, phase, ready, cpuNanoCores, memoryBytes, cpuRequestMilliCores, memoryRequestBytes, null);
    }

    /** Counts as one of the workload's replicas: not finished (Failed or Succeeded). */
    public boolean live() {
        return !"Failed".equals(phase) && !"Succeeded".equals(phase);
    }

    /** Serves load: running, ready and with a cpu sample. */
    public boolean readyWithUsage() {
        return live() && (phase == null || "Running".equals(phase)) && Boolean.TRUE.equals(ready)
                && cpuNanoCores != null;
    }
}
