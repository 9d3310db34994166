package dev.scalebus.metricsapi.window;

import dev.scalebus.events.ContainerSample;
import dev.scalebus.events.PodSample;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One pod held in the window, in compact form: parallel primitive arrays instead of an object per container, and
 * labels as one interned key/value array (pods of one ReplicaSet share the same label strings). Immutable; a new
 * scrape replaces the whole entry.
 */
final class PodEntry {

    final String node;
    final long seenMillis;
    /**
     * False when the pod is known not to be Running, or at least one container had no rate or memory in the latest
     * scrape: the pod is not served.
     */
    final boolean complete;
    private final String[] labelKeysAndValues;
    private final String[] containerNames;
    private final long[] timestampMillis;
    private final int[] windowMillis;
    private final long[] cpuNanoCores;
    private final long[] memoryWorkingSetBytes;

    private PodEntry(String node, long seenMillis, boolean complete, String[] labels, String[] names,
            long[] timestamps, int[] windows, long[] cpu, long[] memory) {
        this.node = node;
        this.seenMillis = seenMillis;
        this.complete = complete;
        this.labelKeysAndValues = labels;
        this.containerNames = names;
        this.timestampMillis = timestamps;
        this.windowMillis = windows;
        this.cpuNanoCores = cpu;
        this.memoryWorkingSetBytes = memory;
    }

    /**
     * Builds the entry from the latest sample. Mirrors metrics-server's pod rule (storage/pod.go): if any container
     * lacks a rate (no previous point yet, or just restarted) the whole pod is withheld, so a pod is never served
     * with some of its containers missing and the HPA sees "no metrics" rather than a partial sum.
     */
    static PodEntry of(String node, long seenMillis, PodSample pod) {
        List<ContainerSample> samples = pod.containers();
        int n = samples.size();
        String[] names = new String[n];
        long[] timestamps = new long[n];
        int[] windows = new int[n];
        long[] cpu = new long[n];
        long[] memory = new long[n];
        // metrics-server serves Running pods only (its pod informer selects status.phase=Running)
        boolean complete = n > 0 && (pod.phase() == null || "Running".equals(pod.phase()));
        for (int i = 0; i < n; i++) {
            ContainerSample c = samples.get(i);
            names[i] = c.name().intern();
            boolean usable = c.timestamp() != null && c.windowMillis() != null && c.windowMillis() > 0
                    && c.cpuNanoCores() != null && c.memoryWorkingSetBytes() != null;
            if (!usable) {
                complete = false;
                continue;
            }
            timestamps[i] = c.timestamp().toEpochMilli();
            windows[i] = (int) Math.min(Integer.MAX_VALUE, c.windowMillis());
            cpu[i] = c.cpuNanoCores();
            memory[i] = c.memoryWorkingSetBytes();
        }
        return new PodEntry(node, seenMillis, complete, compactLabels(pod.labels()), names, timestamps, windows,
                cpu, memory);
    }

    private static String[] compactLabels(Map<String, String> labels) {
        String[] kv = new String[labels.size() * 2];
        int i = 0;
        for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
            kv[i++] = e.getKey().intern();
            kv[i++] = e.getValue().intern();
        }
        return kv;
    }

    int containerCount() {
        return containerNames.length;
    }

    Map<String, String> labels() {
        if (labelKeysAndValues.length == 0) {
            return Map.of();
        }
        Map<String, String> map = new TreeMap<>();
        for (int i = 0; i < labelKeysAndValues.length; i += 2) {
            map.put(labelKeysAndValues[i], labelKeysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }

    PodPoint toPoint(PodKey key) {
        List<ContainerUsage> containers = new ArrayList<>(containerNames.length);
        int earliest = 0;
        for (int i = 0; i < containerNames.length; i++) {
            containers.add(new ContainerUsage(containerNames[i], cpuNanoCores[i], memoryWorkingSetBytes[i]));
            if (timestampMillis[i] < timestampMillis[earliest]) {
                earliest = i;
            }
        }
        return new PodPoint(key, labels(), timestampMillis[earliest], windowMillis[earliest], containers);
    }
}
