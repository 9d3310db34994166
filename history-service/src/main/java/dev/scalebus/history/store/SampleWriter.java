package dev.scalebus.history.store;

import static dev.scalebus.history.store.UnnestInsert.Column.of;

import dev.scalebus.events.ContainerSample;
import dev.scalebus.events.EventJson;
import dev.scalebus.events.NodeScrape;
import dev.scalebus.events.NodeUsage;
import dev.scalebus.events.PodSample;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes the node, pod and container samples of node scrapes, in the caller's transaction, as three multi-row
 * inserts. Re-delivered scrapes insert nothing (natural keys). Samples older than {@code notBefore} (past raw
 * retention, their partition is gone) are skipped.
 */
@ApplicationScoped
public class SampleWriter {

    private final AgroalDataSource dataSource;
    private final PartitionManager partitions;

    public SampleWriter(AgroalDataSource dataSource, PartitionManager partitions) {
        this.dataSource = dataSource;
        this.partitions = partitions;
    }

    /** Rows inserted per table; fewer than offered means re-delivered (or too old) samples. */
    public record Written(int nodes, int pods, int containers) {
    }

    public Written write(List<NodeScrape> scrapes, Instant notBefore) {
        UnnestInsert nodes = nodeInsert();
        UnnestInsert pods = podInsert();
        UnnestInsert containers = containerInsert();
        Set<LocalDate> days = new HashSet<>();
        for (NodeScrape scrape : scrapes) {
            add(scrape, notBefore, nodes, pods, containers, days);
        }
        partitions.ensure(days);
        try (Connection c = dataSource.getConnection()) {
            return new Written(nodes.execute(c), pods.execute(c), containers.execute(c));
        } catch (SQLException e) {
            throw new StoreException("cannot write samples: " + e.getMessage(), e);
        }
    }

    private static void add(NodeScrape scrape, Instant notBefore, UnnestInsert nodes, UnnestInsert pods,
            UnnestInsert containers, Set<LocalDate> days) {
        NodeUsage n = scrape.node();
        if (n != null && !n.timestamp().isBefore(notBefore)) {
            days.add(PartitionNames.dayOf(n.timestamp()));
            nodes.add(scrape.nodeName(), n.timestamp(), scrape.scrapeTime(), n.windowMillis(), n.cpuNanoCores(),
                    n.cpuUsageCoreNanoSeconds(), n.memoryWorkingSetBytes(), n.memoryUsageBytes(), n.memoryRssBytes(),
                    n.networkRxBytes(), n.networkTxBytes(), n.fsUsedBytes(), n.fsCapacityBytes());
        }
        if (scrape.scrapeTime().isBefore(notBefore)) {
            return;
        }
        for (PodSample pod : scrape.pods()) {
            Workload workload = Workload.of(pod);
            PodTotals totals = PodTotals.of(pod.containers());
            days.add(PartitionNames.dayOf(scrape.scrapeTime()));
            pods.add(pod.namespace(), pod.name(), scrape.scrapeTime(), scrape.nodeName(), pod.uid(),
                    EventJson.toJson(pod.labels()), pod.owner() == null ? null : pod.owner().kind(),
                    pod.owner() == null ? null : pod.owner().name(), workload.kind(), workload.name(), pod.phase(),
                    pod.ready(), pod.deleting(), pod.containers().size(), totals.cpuNanoCores(),
                    totals.memoryWorkingSetBytes(), totals.cpuRequestMilliCores(), totals.memoryRequestBytes());
            for (ContainerSample c : pod.containers()) {
                if (c.timestamp() == null || c.timestamp().isBefore(notBefore)) {
                    continue; // the kubelet gave no sample for it (or it is past retention)
                }
                days.add(PartitionNames.dayOf(c.timestamp()));
                containers.add(pod.namespace(), pod.name(), c.name(), c.timestamp(), scrape.scrapeTime(),
                        scrape.nodeName(), workload.kind(), workload.name(), c.sidecar(), c.windowMillis(),
                        c.cpuNanoCores(), c.cpuUsageCoreNanoSeconds(), c.memoryWorkingSetBytes(),
                        c.cpuRequestMilliCores(), c.cpuLimitMilliCores(), c.memoryRequestBytes(),
                        c.memoryLimitBytes());
            }
        }
    }

    private static UnnestInsert nodeInsert() {
        return new UnnestInsert("node_samples", List.of(of("node", "text"), of("sample_time", "timestamptz"),
                of("scrape_time", "timestamptz"), of("window_millis", "int8"), of("cpu_nano_cores", "int8"),
                of("cpu_usage_core_nano_seconds", "int8"), of("memory_working_set_bytes", "int8"),
                of("memory_usage_bytes", "int8"), of("memory_rss_bytes", "int8"), of("network_rx_bytes", "int8"),
                of("network_tx_bytes", "int8"), of("fs_used_bytes", "int8"), of("fs_capacity_bytes", "int8")));
    }

    private static UnnestInsert podInsert() {
        return new UnnestInsert("pod_samples", List.of(of("namespace", "text"), of("pod", "text"),
                of("sample_time", "timestamptz"), of("node", "text"), of("uid", "text"), of("labels", "jsonb"),
                of("owner_kind", "text"), of("owner_name", "text"), of("workload_kind", "text"),
                of("workload_name", "text"), of("phase", "text"), of("ready", "bool"), of("deleting", "bool"),
                of("containers", "int4"), of("cpu_nano_cores", "int8"), of("memory_working_set_bytes", "int8"),
                of("cpu_request_milli_cores", "int8"), of("memory_request_bytes", "int8")));
    }

    private static UnnestInsert containerInsert() {
        return new UnnestInsert("container_samples", List.of(of("namespace", "text"), of("pod", "text"),
                of("container", "text"), of("sample_time", "timestamptz"), of("scrape_time", "timestamptz"),
                of("node", "text"), of("workload_kind", "text"), of("workload_name", "text"), of("sidecar", "bool"),
                of("window_millis", "int8"), of("cpu_nano_cores", "int8"), of("cpu_usage_core_nano_seconds", "int8"),
                of("memory_working_set_bytes", "int8"), of("cpu_request_milli_cores", "int8"),
                of("cpu_limit_milli_cores", "int8"), of("memory_request_bytes", "int8"),
                of("memory_limit_bytes", "int8")));
    }
}
