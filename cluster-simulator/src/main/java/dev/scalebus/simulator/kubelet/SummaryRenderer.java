package dev.scalebus.simulator.kubelet;

import dev.scalebus.simulator.workload.ContainerUsage;
import dev.scalebus.simulator.workload.PodUsage;

/**
 * {@code GET /stats/summary}: the kubelet Summary API (stats/v1alpha1, kubernetes/kubelet pkg/apis/stats/v1alpha1
 * types.go) with its field names, nesting and units: times RFC 3339 (seconds), CPU in nanocores and core-nanoseconds,
 * memory and fs in bytes. Written by hand (no object tree) because 5,000 nodes are scraped every 15 s.
 * Fields newer kubelets add (psi, swap, io) are left out: decoders ignore unknown fields and tolerate missing ones.
 */
public final class SummaryRenderer {

    public static final String CONTENT_TYPE = "application/json";

    private static final long FS_CAPACITY_BYTES = 100L << 30;
    private static final long FS_INODES = 6_553_600;

    private SummaryRenderer() {
    }

    public static void render(NodeSnapshot s, StringBuilder out) {
        SimNode node = s.node();
        String time = RfcTime.format(s.at());
        out.append("{\"node\":{\"nodeName\":\"").append(node.name()).append("\",\"systemContainers\":[");
        out.append("{\"name\":\"kubelet\",\"startTime\":\"").append(RfcTime.format(node.startTime())).append("\",");
        cpu(out, time, s.kubeletCpuUsageNanoCores(), s.kubeletCpuUsageCoreNanoSeconds());
        out.append(',');
        memory(out, time, -1, SimNode.SYSTEM_MEMORY_BYTES / 4);
        out.append("},{\"name\":\"pods\",\"startTime\":\"").append(RfcTime.format(node.startTime())).append("\",");
        cpu(out, time, s.podsCpuUsageNanoCores(), s.podsCpuUsageCoreNanoSeconds());
        out.append(',');
        memory(out, time, node.capacityMemoryBytes() - s.podsMemoryWorkingSetBytes(), s.podsMemoryWorkingSetBytes());
        out.append("}],\"startTime\":\"").append(RfcTime.format(node.startTime())).append("\",");
        cpu(out, time, s.cpuUsageNanoCores(), s.cpuUsageCoreNanoSeconds());
        out.append(',');
        memory(out, time, node.capacityMemoryBytes() - s.memoryWorkingSetBytes(), s.memoryWorkingSetBytes());
        out.append(',');
        network(out, time, s.cpuUsageCoreNanoSeconds());
        out.append(",\"fs\":");
        fs(out, time, FS_CAPACITY_BYTES / 5, 400_000);
        out.append(",\"runtime\":{\"imageFs\":");
        fs(out, time, FS_CAPACITY_BYTES / 20, 40_000);
        out.append(",\"containerFs\":");
        fs(out, time, FS_CAPACITY_BYTES / 20, 40_000);
        out.append("},\"rlimit\":{\"time\":\"").append(time).append("\",\"maxpid\":4194304,\"curproc\":")
                .append(200 + 10L * s.pods().size()).append("}},\"pods\":[");
        boolean first = true;
        for (PodUsage p : s.pods()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            pod(out, time, p);
        }
        out.append("]}");
    }

    private static void pod(StringBuilder out, String time, PodUsage p) {
        out.append("{\"podRef\":{\"name\":\"").append(p.pod().name()).append("\",\"namespace\":\"")
                .append(p.pod().namespace()).append("\",\"uid\":\"").append(p.pod().uid())
                .append("\"},\"startTime\":\"").append(RfcTime.format(p.startTime())).append("\",\"containers\":[");
        boolean first = true;
        for (ContainerUsage c : p.containers()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append("{\"name\":\"").append(c.name()).append("\",\"startTime\":\"")
                    .append(RfcTime.format(c.startTime())).append("\",");
            cpu(out, time, c.cpuUsageNanoCores(), c.cpuUsageCoreNanoSeconds());
            out.append(',');
            memory(out, time, -1, c.memoryWorkingSetBytes());
            out.append(",\"rootfs\":");
            fs(out, time, 40_960, 12);
            out.append(",\"logs\":");
            fs(out, time, 8_192 + c.cpuUsageCoreNanoSeconds() / 1_000_000, 1);
            out.append('}');
        }
        out.append("],");
        cpu(out, time, p.cpuUsageNanoCores(), p.cpuUsageCoreNanoSeconds());
        out.append(',');
        memory(out, time, -1, p.memoryWorkingSetBytes());
        out.append(',');
        network(out, time, p.cpuUsageCoreNanoSeconds());
        out.append(",\"ephemeral-storage\":");
        fs(out, time, 49_152 * p.containers().size(), 13L * p.containers().size());
        out.append(",\"process_stats\":{\"process_count\":").append(p.containers().size()).append("}}");
    }

    private static void cpu(StringBuilder out, String time, long nanoCores, long coreNanoSeconds) {
        out.append("\"cpu\":{\"time\":\"").append(time).append("\",\"usageNanoCores\":").append(nanoCores)
                .append(",\"usageCoreNanoSeconds\":").append(coreNanoSeconds).append('}');
    }

    /** availableBytes only where the kubelet knows a limit (node, "pods"): negative means leave it out. */
    private static void memory(StringBuilder out, String time, long availableBytes, long workingSetBytes) {
        out.append("\"memory\":{\"time\":\"").append(time).append('"');
        if (availableBytes >= 0) {
            out.append(",\"availableBytes\":").append(availableBytes);
        }
        long usage = workingSetBytes + workingSetBytes / 10;
        out.append(",\"usageBytes\":").append(usage).append(",\"workingSetBytes\":").append(workingSetBytes)
                .append(",\"rssBytes\":").append(workingSetBytes - workingSetBytes / 8)
                .append(",\"pageFaults\":").append(workingSetBytes / 4096).append(",\"majorPageFaults\":0}");
    }

    /** Traffic grows with work done: a byte counter derived from CPU keeps it monotonic and plausible. */
    private static void network(StringBuilder out, String time, long coreNanoSeconds) {
        long rx = coreNanoSeconds / 200;
        long tx = coreNanoSeconds / 100;
        out.append("\"network\":{\"time\":\"").append(time).append("\",\"name\":\"eth0\",\"rxBytes\":").append(rx)
                .append(",\"rxErrors\":0,\"txBytes\":").append(tx).append(",\"txErrors\":0,\"interfaces\":[")
                .append("{\"name\":\"eth0\",\"rxBytes\":").append(rx).append(",\"rxErrors\":0,\"txBytes\":")
                .append(tx).append(",\"txErrors\":0}]}");
    }

    private static void fs(StringBuilder out, String time, long usedBytes, long inodesUsed) {
        out.append("{\"time\":\"").append(time).append("\",\"availableBytes\":").append(FS_CAPACITY_BYTES - usedBytes)
                .append(",\"capacityBytes\":").append(FS_CAPACITY_BYTES).append(",\"usedBytes\":").append(usedBytes)
                .append(",\"inodesFree\":").append(FS_INODES - inodesUsed).append(",\"inodes\":").append(FS_INODES)
                .append(",\"inodesUsed\":").append(inodesUsed).append('}');
    }
}
