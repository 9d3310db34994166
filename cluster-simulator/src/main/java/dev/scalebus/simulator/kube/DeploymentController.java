package dev.scalebus.simulator.kube;

import dev.scalebus.simulator.kubelet.SimNode;
import dev.scalebus.simulator.podmetrics.PodMetricsServers;
import dev.scalebus.simulator.workload.DeploymentWorkload;
import dev.scalebus.simulator.workload.SimPod;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentList;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The controllers the mock API server lacks: Deployment -> ReplicaSet -> Pods, kept in step with spec.replicas
 * (whoever changed it: /scale, PUT, PATCH), readiness after the workload's delay, graceful termination.
 * Victims on scale-down follow the ReplicaSet controller's ranking (kubernetes/kubernetes
 * pkg/controller/replicaset getPodsToDelete): not-ready before ready, then the newest first.
 * Pods carry a finalizer so that a client's DELETE only marks them; the controller removes them after the grace.
 */
public final class DeploymentController {

    public static final String FINALIZER = "scalebus.dev/simulated-termination";
    private static final Logger LOG = Logger.getLogger(DeploymentController.class);

    private final KubeStore store;
    private final Scheduler scheduler;
    private final Clock clock;
    private final WorkloadCatalog catalog;
    private final Instant timelineStart;
    private final double timeCompression;
    private final Map<String, DeploymentState> states = new ConcurrentHashMap<>();
    private final PodRegistry pods;
    private final PodMetricsServers metricsServers;
    private final PodCreator creator;

    /** @param podNameSuffixes the random part of generated pod names ({@link PodNames#suffix}; tests inject it) */
    public DeploymentController(KubeStore store, Scheduler scheduler, Clock clock, WorkloadCatalog catalog,
            Instant timelineStart, double timeCompression, PodRegistry pods, PodMetricsServers metricsServers,
            Supplier<String> podNameSuffixes) {
        this.store = store;
        this.scheduler = scheduler;
        this.clock = clock;
        this.catalog = catalog;
        this.timelineStart = timelineStart;
        this.timeCompression = timeCompression;
        this.pods = pods;
        this.metricsServers = metricsServers;
        this.creator = new PodCreator(store, pods, metricsServers, podNameSuffixes);
    }

    /** The load model of a Deployment the controller has seen, or null. */
    public DeploymentWorkload workload(String namespace, String name) {
        return states.values().stream()
                .filter(s -> s.workload.namespace().equals(namespace) && s.workload.name().equals(name))
                .map(s -> s.workload).findFirst().orElse(null);
    }

    public Collection<DeploymentWorkload> workloads() {
        return states.values().stream().map(s -> s.workload).toList();
    }

    /** One reconcile pass over all Deployments; called periodically, never concurrently. */
    public synchronized void reconcile() {
        Instant now = clock.instant();
        List<Deployment> deployments = store.list(Deployment.class, DeploymentList.class, null);
        Map<String, Pod> apiPods = store.list(Pod.class, PodList.class, null).stream()
                .collect(Collectors.toMap(p -> p.getMetadata().getNamespace() + "/" + p.getMetadata().getName(),
                        p -> p, (a, b) -> a, HashMap::new));
        Set<String> seen = new HashSet<>();
        for (Deployment d : deployments) {
            seen.add(d.getMetadata().getUid());
            try {
                reconcile(d, state(d, now), apiPods, now);
            } catch (RuntimeException e) {
                LOG.infof("reconcile of deployment %s/%s failed: %s", d.getMetadata().getNamespace(),
                        d.getMetadata().getName(), e.getMessage());
            }
        }
        for (String uid : Set.copyOf(states.keySet())) {
            if (!seen.contains(uid)) {
                DeploymentState gone = states.remove(uid);
                List.copyOf(gone.placement.keySet()).forEach(p -> removePod(gone, p, now));
                store.delete(ReplicaSet.class, gone.workload.namespace(), gone.replicaSet.getMetadata().getName());
                LOG.infof("deployment %s/%s deleted: its pods are gone", gone.workload.namespace(), gone.workload.name());
            }
        }
    }

    private DeploymentState state(Deployment d, Instant now) {
        return states.computeIfAbsent(d.getMetadata().getUid(), uid -> {
            String ns = d.getMetadata().getNamespace();
            String name = d.getMetadata().getName();
            String hash = PodNames.templateHash(Serialization.asJson(d.getSpec().getTemplate()));
            String rsName = name + "-" + hash;
            ReplicaSet rs = store.get(ReplicaSet.class, ns, rsName);
            if (rs == null) {
                rs = store.create(KubeObjects.replicaSet(d, rsName, hash, replicas(d)));
            }
            WorkloadCatalog.Entry entry = catalog.lookup(ns, name);
            DeploymentWorkload workload = new DeploymentWorkload(ns, name, entry.spec(), entry.profile(),
                    timelineStart, timeCompression);
            LOG.infof("deployment %s/%s adopted: replicaset %s, workload %s", ns, name, rsName, entry.profile());
            var template = d.getSpec().getTemplate();
            DeploymentState state = new DeploymentState(uid, workload, rs, hash, template.getSpec().getContainers(),
                    template.getMetadata() == null ? null : template.getMetadata().getAnnotations());
            if (state.metrics != null) {
                LOG.infof("deployment %s/%s pods serve metrics on port %d at %s", ns, name, state.metrics.port(),
                        state.metrics.path());
            }
            return state;
        });
    }

    private static int replicas(Deployment d) {
        return d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    }

    private void reconcile(Deployment d, DeploymentState s, Map<String, Pod> apiPods, Instant now) {
        DeploymentWorkload w = s.workload;
        for (SimPod p : List.copyOf(s.placement.keySet())) {
            Pod apiPod = apiPods.get(p.namespace() + "/" + p.name());
            if (apiPod == null) {
                removePod(s, p, now);
            } else if (!p.terminating() && apiPod.getMetadata().getDeletionTimestamp() != null) {
                w.markTerminating(p, now);
            }
        }
        int desired = replicas(d);
        List<SimPod> active = s.placement.keySet().stream().filter(p -> !p.terminating()).toList();
        for (int i = active.size(); i < desired; i++) {
            SimNode node = scheduler.pick();
            SimPod pod = creator.create(d, s, node, apiPods, now);
            if (pod == null) {
                break; // every name tried was taken: the next reconcile creates the rest
            }
            // recorded only once stored: a pod the API refused must not count towards spec.replicas
            s.placement.put(pod, node);
            node.addPod(pod);
            w.addPod(pod, now);
        }
        if (active.size() > desired) {
            active.stream().sorted(Comparator.comparing(SimPod::ready)
                    .thenComparing(SimPod::startTime, Comparator.reverseOrder()))
                    .limit(active.size() - desired).forEach(p -> terminate(s, p, now));
        }
        Duration readyDelay = w.spec().readyDelay();
        for (SimPod p : List.copyOf(s.placement.keySet())) {
            if (!p.terminating() && !p.ready() && !now.isBefore(p.startTime().plus(readyDelay))) {
                w.markReady(p, now);
                SimNode node = s.placement.get(p);
                store.putStatus(apiPodRef(p), KubeObjects.podStatus(p, node, pods.ipOf(p, node)));
            } else if (p.terminating() && !now.isBefore(p.deletionTime().plus(w.spec().terminationGrace()))) {
                removePod(s, p, now);
            }
        }
        StatusWriter.write(store, d, s, desired);
    }

    private void terminate(DeploymentState s, SimPod p, Instant now) {
        s.workload.markTerminating(p, now);
        store.patch(Pod.class, p.namespace(), p.name(), "{\"metadata\":{\"deletionTimestamp\":\""
                + KubeObjects.rfc(now) + "\",\"deletionGracePeriodSeconds\":"
                + s.workload.spec().terminationGrace().toSeconds() + "}}");
        LOG.debugf("pod %s/%s terminating", p.namespace(), p.name());
    }

    private void removePod(DeploymentState s, SimPod p, Instant now) {
        s.workload.removePod(p, now);
        SimNode node = s.placement.remove(p);
        if (node != null) {
            node.removePod(p, now);
        }
        pods.release(p);
        metricsServers.stop(p);
        // dropping the finalizer of a pod marked for deletion makes the store remove it
        if (store.get(Pod.class, p.namespace(), p.name()) != null) {
            store.jsonPatch(Pod.class, p.namespace(), p.name(), "[{\"op\":\"add\",\"path\":\"/metadata/deletionTimestamp\","
                    + "\"value\":\"" + KubeObjects.rfc(now) + "\"},{\"op\":\"remove\",\"path\":\"/metadata/finalizers\"}]");
        }
    }

    /** Writes a pod's status (readiness, container start times and restart counts) if the pod is an API object. */
    public void publishPodStatus(SimPod p, SimNode node) {
        if (store.get(Pod.class, p.namespace(), p.name()) != null) {
            store.putStatus(apiPodRef(p), KubeObjects.podStatus(p, node, pods.ipOf(p, node)));
        }
    }

    private static Pod apiPodRef(SimPod p) {
        Pod ref = new Pod();
        ref.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(p.name())
                .withNamespace(p.namespace()).build());
        return ref;
    }
}
