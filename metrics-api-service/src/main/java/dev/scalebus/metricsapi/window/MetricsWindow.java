package dev.scalebus.metricsapi.window;

import dev.scalebus.events.NodeScrape;
import dev.scalebus.events.NodeUsage;
import dev.scalebus.events.PodSample;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The latest usable point per node, pod and container, materialized from {@link NodeScrape} events.
 *
 * <p>Unlike metrics-server (pkg/storage), which keeps two raw points and computes the rate itself, the collector
 * already publishes rates with their measured window, so one point per object is enough. The pruning rules mirror
 * metrics-server where it matters to clients:
 * <ul>
 * <li>a pod missing from its node's newest scrape disappears at once (metrics-server rebuilds its maps per batch);</li>
 * <li>a node or pod not seen for {@code expiry} is forgotten (metrics-server forgets it after one missed scrape;
 * here a missed scrape is tolerated until expiry, so one slow kubelet does not blank the HPA);</li>
 * <li>a pod with a container without a rate is withheld, see {@link PodEntry#of}.</li>
 * </ul>
 * One writer (the Kafka feed) and many readers: writes are synchronized, reads go to concurrent maps of immutable
 * entries.
 */
public final class MetricsWindow {

    private final Clock clock;
    private final long expiryMillis;
    private final RecordValidator validator;
    private final Map<String, NodePoint> nodes = new ConcurrentHashMap<>();
    private final Map<PodKey, PodEntry> pods = new ConcurrentHashMap<>();
    /** Writer-side index: the newest scrape time per node and the pods it reported. */
    private final Map<String, NodeState> nodeStates = new ConcurrentHashMap<>();
    private final AtomicLong staleScrapes = new AtomicLong();
    private final AtomicLong incompletePods = new AtomicLong();
    private final AtomicLong expiredObjects = new AtomicLong();

    private record NodeState(long scrapeMillis, Set<PodKey> pods) {
    }

    public MetricsWindow(Clock clock, Duration expiry) {
        this(clock, expiry, RecordLimits.DEFAULTS);
    }

    public MetricsWindow(Clock clock, Duration expiry, RecordLimits limits) {
        if (expiry.isNegative() || expiry.isZero()) {
            throw new IllegalArgumentException("expiry must be positive, was " + expiry);
        }
        this.clock = clock;
        this.expiryMillis = expiry.toMillis();
        this.validator = new RecordValidator(clock, limits);
    }

    /**
     * Takes one scrape. A scrape the {@link RecordValidator} refuses (future or unservably old times, negative usage,
     * absurd sizes) is counted and ignored; so is a scrape older than the one already held for its node (a replay).
     */
    public synchronized void accept(NodeScrape scrape) {
        if (!validator.admit(scrape, clock.millis() - expiryMillis)) {
            return;
        }
        long scrapeMillis = scrape.scrapeTime().toEpochMilli();
        NodeState previous = nodeStates.get(scrape.nodeName());
        if (previous != null && previous.scrapeMillis() > scrapeMillis) {
            staleScrapes.incrementAndGet();
            return;
        }
        acceptNode(scrape.nodeName(), scrape.node(), scrapeMillis);
        Set<PodKey> seen = new HashSet<>();
        for (PodSample pod : scrape.pods()) {
            PodKey key = new PodKey(pod.namespace().intern(), pod.name());
            PodEntry held = pods.get(key);
            if (held != null && held.seenMillis > scrapeMillis && !held.node.equals(scrape.nodeName())) {
                continue; // a late scrape of the pod's old node must not replace what its new node reported
            }
            PodEntry entry = PodEntry.of(scrape.nodeName().intern(), scrapeMillis, pod);
            if (!entry.complete) {
                incompletePods.incrementAndGet();
            }
            pods.put(key, entry);
            seen.add(key);
        }
        if (previous != null) {
            for (PodKey gone : previous.pods()) {
                if (!seen.contains(gone)) {
                    pods.computeIfPresent(gone, (k, e) -> e.node.equals(scrape.nodeName()) ? null : e);
                }
            }
        }
        nodeStates.put(scrape.nodeName(), new NodeState(scrapeMillis, Set.copyOf(seen)));
    }

    private void acceptNode(String name, NodeUsage usage, long scrapeMillis) {
        boolean usable = usage != null && usage.cpuNanoCores() != null && usage.windowMillis() != null
                && usage.windowMillis() > 0 && usage.memoryWorkingSetBytes() != null;
        if (usable) {
            nodes.put(name, new NodePoint(name, usage.timestamp().toEpochMilli(), usage.windowMillis(),
                    usage.cpuNanoCores(), usage.memoryWorkingSetBytes(), scrapeMillis));
        } else {
            nodes.remove(name); // as metrics-server: a node without a fresh rate is absent, not stale
        }
    }

    /** Forgets nodes and pods not seen for the expiry time; returns how many objects went. */
    public synchronized int expire() {
        long oldest = clock.millis() - expiryMillis;
        int before = nodes.size() + pods.size();
        nodes.values().removeIf(n -> n.seenMillis() < oldest);
        pods.values().removeIf(p -> p.seenMillis < oldest);
        nodeStates.values().removeIf(s -> s.scrapeMillis() < oldest);
        int removed = before - nodes.size() - pods.size();
        expiredObjects.addAndGet(removed);
        return removed;
    }

    private boolean fresh(long seenMillis) {
        return seenMillis >= clock.millis() - expiryMillis;
    }

    public Optional<NodePoint> node(String name) {
        NodePoint p = nodes.get(name);
        return p != null && fresh(p.seenMillis()) ? Optional.of(p) : Optional.empty();
    }

    /** Servable nodes sorted by name. */
    public List<NodePoint> nodes() {
        List<NodePoint> result = new ArrayList<>();
        for (NodePoint p : nodes.values()) {
            if (fresh(p.seenMillis())) {
                result.add(p);
            }
        }
        result.sort((a, b) -> a.name().compareTo(b.name()));
        return result;
    }

    public Optional<PodPoint> pod(PodKey key) {
        PodEntry e = pods.get(key);
        return e != null && e.complete && fresh(e.seenMillis) ? Optional.of(e.toPoint(key)) : Optional.empty();
    }

    /** Servable pods of one namespace, or of all when {@code namespace} is null, sorted by namespace and name. */
    public List<PodPoint> pods(String namespace) {
        List<PodPoint> result = new ArrayList<>();
        for (Map.Entry<PodKey, PodEntry> e : pods.entrySet()) {
            PodEntry entry = e.getValue();
            if ((namespace == null || namespace.equals(e.getKey().namespace())) && entry.complete
                    && fresh(entry.seenMillis)) {
                result.add(entry.toPoint(e.getKey()));
            }
        }
        result.sort((a, b) -> a.key().compareTo(b.key()));
        return result;
    }

    /**
     * The labels of every pod of a namespace seen within the expiry, whatever its phase or rates: the pod list a
     * custom metrics request's labelSelector is matched against (prometheus-adapter lists pods from the apiserver).
     */
    public Map<PodKey, Map<String, String>> podLabels(String namespace) {
        Map<PodKey, Map<String, String>> result = new java.util.TreeMap<>();
        for (Map.Entry<PodKey, PodEntry> e : pods.entrySet()) {
            if (e.getKey().namespace().equals(namespace) && fresh(e.getValue().seenMillis)) {
                result.put(e.getKey(), e.getValue().labels());
            }
        }
        return result;
    }

    public int nodeCount() {
        return nodes.size();
    }

    public int podCount() {
        return pods.size();
    }

    public long containerCount() {
        long n = 0;
        for (PodEntry e : pods.values()) {
            n += e.containerCount();
        }
        return n;
    }

    /** Scrapes ignored because a newer one for the same node was already held. */
    public long staleScrapes() {
        return staleScrapes.get();
    }

    /** Pod samples withheld because a container had no rate yet. */
    public long incompletePods() {
        return incompletePods.get();
    }

    /** Scrapes refused at the edge for {@code reason}. */
    public long rejected(Rejection reason) {
        return validator.rejected(reason);
    }

    public long expiredObjects() {
        return expiredObjects.get();
    }
}
