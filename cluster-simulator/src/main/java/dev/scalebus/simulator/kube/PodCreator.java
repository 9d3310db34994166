package dev.scalebus.simulator.kube;

import dev.scalebus.simulator.kubelet.SimNode;
import dev.scalebus.simulator.podmetrics.PodMetricsServers;
import dev.scalebus.simulator.workload.SimPod;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Creates a ReplicaSet's pods under generated names. The ReplicaSet controller creates pods with
 * {@code generateName}; a generated name that is taken (409 AlreadyExists) only means another name is tried: the API
 * server retries up to 8 attempts in all (feature RetryGenerateName), and after that the controller's next sync
 * creates the missing pod. The mock has no generateName, so this does both: up to {@link #NAME_ATTEMPTS} names per
 * pod, and the caller's next reconcile tries again. Nothing about a pod is recorded before the API has stored it.
 */
final class PodCreator {

    /** Total names tried per pod in one pass, as the API server's generateName retry (1 + 7 retries). */
    static final int NAME_ATTEMPTS = 8;
    private static final Logger LOG = Logger.getLogger(PodCreator.class);

    private final KubeStore store;
    private final PodRegistry pods;
    private final PodMetricsServers metricsServers;
    private final Supplier<String> nameSuffixes;

    PodCreator(KubeStore store, PodRegistry pods, PodMetricsServers metricsServers, Supplier<String> nameSuffixes) {
        this.store = store;
        this.pods = pods;
        this.metricsServers = metricsServers;
        this.nameSuffixes = nameSuffixes;
    }

    /**
     * Stores one new pod of the Deployment on the node, or returns null when every name tried was taken.
     *
     * @param apiPods the pods the API holds by namespace/name (this pass's list plus what it created since): a name
     *                found there is skipped before anything is bound, so an existing pod's metrics endpoint and podIP
     *                are never touched; a pod created by someone else since the list surfaces as the 409 instead.
     *                The new pod is added to it.
     */
    SimPod create(Deployment d, DeploymentState s, SimNode node, Map<String, Pod> apiPods, Instant now) {
        for (int attempt = 1; attempt <= NAME_ATTEMPTS; attempt++) {
            SimPod pod = s.newPod(d, node, now, nameSuffixes.get());
            String key = pod.namespace() + "/" + pod.name();
            if (apiPods.containsKey(key)) {
                LOG.infof("pod name %s is taken, trying another", key);
                continue;
            }
            if (s.metrics != null) {
                // bound first: the podIP is the address the endpoint got (a failure leaves no half-made pod)
                pods.assign(pod, metricsServers.start(pod, s.metrics));
            }
            Pod object = KubeObjects.pod(pod, s.replicaSet, s.containers, s.podAnnotations, node, pods.ipOf(pod, node));
            object.getMetadata().getFinalizers().add(DeploymentController.FINALIZER);
            Pod created;
            try {
                created = store.createIfAbsent(object);
            } catch (RuntimeException e) {
                release(pod);
                throw e;
            }
            if (created == null) {
                release(pod);
                LOG.infof("pod %s already exists (409), trying another name", key);
                continue;
            }
            pod.uid(created.getMetadata().getUid());
            apiPods.put(key, created);
            return pod;
        }
        LOG.infof("no free pod name for deployment %s/%s after %d attempts: the next reconcile tries again",
                d.getMetadata().getNamespace(), d.getMetadata().getName(), NAME_ATTEMPTS);
        return null;
    }

    private void release(SimPod pod) {
        pods.release(pod);
        metricsServers.stop(pod);
    }
}
