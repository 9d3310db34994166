package dev.scalebus.autoscaler.kube;

import dev.scalebus.autoscaler.api.BadInputException;
import dev.scalebus.autoscaler.api.Mappers;
import dev.scalebus.autoscaler.hpa.Condition;
import dev.scalebus.autoscaler.hpa.HpaSpec;
import dev.scalebus.autoscaler.hpa.HpaStatus;
import dev.scalebus.autoscaler.hpa.MetricStatus;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** HorizontalAutoscaler custom resources: list, read spec and status, write status. */
@ApplicationScoped
public class AutoscalerStore {

    public static final String GROUP = "autoscaling.scalebus.dev";
    public static final String API_VERSION = GROUP + "/v1";
    public static final String KIND = "HorizontalAutoscaler";
    static final ResourceDefinitionContext CONTEXT = new ResourceDefinitionContext.Builder().withGroup(GROUP)
            .withVersion("v1").withKind(KIND).withPlural("horizontalautoscalers").withNamespaced(true).build();

    private final KubernetesClient client;

    public AutoscalerStore(KubernetesClient client) {
        this.client = client;
    }

    private SharedIndexInformer<GenericKubernetesResource> informer;
    private final List<Consumer<String>> deleteListeners = new CopyOnWriteArrayList<>();

    private synchronized SharedIndexInformer<GenericKubernetesResource> informer() {
        if (informer == null) {
            informer = client.genericKubernetesResources(CONTEXT).inAnyNamespace().runnableInformer(0);
            informer.addEventHandler(new ResourceEventHandler<>() {
                @Override
                public void onAdd(GenericKubernetesResource r) {
                }

                @Override
                public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
                }

                @Override
                public void onDelete(GenericKubernetesResource r, boolean finalStateUnknown) {
                    String key = r.getMetadata().getNamespace() + "/" + r.getMetadata().getName();
                    deleteListeners.forEach(l -> l.accept(key));
                }
            });
            informer.start();
        }
        return informer;
    }

    /**
     * Calls {@code listener} with an autoscaler's key ({@link AutoscalerObject#key}) when the informer sees it
     * deleted (upstream's HPA informer DeleteFunc, {@code deleteHPA}).
     */
    public void onDeleted(Consumer<String> listener) {
        deleteListeners.add(listener);
    }

    /**
     * Whether an autoscaler listed earlier has been deleted since: the synced informer no longer holds it (the
     * informer drops an object from its cache before it tells the handlers). Unknown before the sync: false.
     */
    public boolean deleted(AutoscalerObject a) {
        SharedIndexInformer<GenericKubernetesResource> inf = informer();
        return inf.hasSynced() && inf.getStore().getByKey(a.key()) == null;
    }

    /** The autoscalers of a namespace (null: all), from the informer once synced, else from a list. */
    public List<AutoscalerObject> list(String namespace) {
        SharedIndexInformer<GenericKubernetesResource> inf = informer();
        List<GenericKubernetesResource> items;
        if (inf.hasSynced()) {
            items = namespace == null ? inf.getStore().list()
                    : inf.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace);
        } else {
            var op = client.genericKubernetesResources(CONTEXT);
            items = namespace == null ? op.inAnyNamespace().list().getItems()
                    : op.inNamespace(namespace).list().getItems();
        }
        return items.stream().map(AutoscalerStore::read).toList();
    }

    @PreDestroy
    synchronized void stop() {
        if (informer != null) {
            informer.close();
        }
    }

    @SuppressWarnings("unchecked")
    static AutoscalerObject read(GenericKubernetesResource r) {
        Map<String, Object> props = r.getAdditionalProperties();
        Map<String, Object> spec = (Map<String, Object>) props.getOrDefault("spec", Map.of());
        Map<String, Object> status = (Map<String, Object>) props.get("status");
        HpaSpec hpa = null;
        String error = null;
        try {
            hpa = Mappers.convert(spec, HpaSpec.class);
        } catch (BadInputException e) {
            error = "spec." + e.field() + ": " + e.getMessage();
        }
        return new AutoscalerObject(r.getMetadata().getNamespace(), r.getMetadata().getName(),
                r.getMetadata().getUid(), r.getMetadata().getGeneration(), hpa, Boolean.TRUE.equals(spec.get("dryRun")), status(status), error);
    }

    @SuppressWarnings("unchecked")
    private static HpaStatus status(Map<String, Object> s) {
        if (s == null) {
            return HpaStatus.empty();
        }
        List<Condition> conditions = new ArrayList<>();
        for (Map<String, Object> c : (List<Map<String, Object>>) s.getOrDefault("conditions", List.of())) {
            Object ltt = c.get("lastTransitionTime");
            conditions.add(new Condition((String) c.get("type"), (String) c.get("status"), (String) c.get("reason"),
                    (String) c.get("message"), ltt == null ? null : Instant.parse(ltt.toString())));
        }
        Object lst = s.get("lastScaleTime");
        return new HpaStatus(integer(s.get("currentReplicas")), integer(s.get("desiredReplicas")), List.of(),
                conditions, lst == null ? null : Instant.parse(lst.toString()));
    }

    private static Integer integer(Object o) {
        return o instanceof Number n ? n.intValue() : null;
    }

    /** Writes the status (through the status subresource when the server has it). */
    public void writeStatus(AutoscalerObject a, HpaStatus status, String targets) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("observedGeneration", a.generation());
        s.put("currentReplicas", status.currentReplicas());
        s.put("desiredReplicas", status.desiredReplicas());
        if (status.lastScaleTime() != null) {
            s.put("lastScaleTime", status.lastScaleTime().toString());
        }
        s.put("targets", targets);
        s.put("currentMetrics", status.currentMetrics().stream().map(AutoscalerStore::metric).toList());
        s.put("conditions", status.conditions().stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", c.type());
            m.put("status", c.status());
            m.put("lastTransitionTime", c.lastTransitionTime() == null ? null : c.lastTransitionTime().toString());
            m.put("reason", c.reason());
            m.put("message", c.message());
            return m;
        }).toList());
        var resource = client.genericKubernetesResources(CONTEXT).inNamespace(a.namespace()).withName(a.name());
        GenericKubernetesResource current = resource.get();
        if (current == null) {
            return;
        }
        current.getAdditionalProperties().put("status", s);
        try {
            client.genericKubernetesResources(CONTEXT).inNamespace(a.namespace()).resource(current).updateStatus();
        } catch (KubernetesClientException e) {
            client.genericKubernetesResources(CONTEXT).inNamespace(a.namespace()).resource(current).update();
        }
    }

    // autoscaling/v2 MetricStatus shape
    private static Map<String, Object> metric(MetricStatus m) {
        Map<String, Object> current = new HashMap<>();
        if (m.averageUtilization() != null) {
            current.put("averageUtilization", m.averageUtilization());
        }
        if (m.averageValue() != null) {
            current.put("averageValue", m.averageValue().toString());
        }
        if (m.value() != null) {
            current.put("value", m.value().toString());
        }
        Map<String, Object> source = new LinkedHashMap<>();
        String key = switch (m.type()) {
            case "Resource" -> "resource";
            case "ContainerResource" -> "containerResource";
            case "Pods" -> "pods";
            case "Object" -> "object";
            default -> "external";
        };
        if (key.equals("resource") || key.equals("containerResource")) {
            source.put("name", m.name());
            if (m.container() != null) {
                source.put("container", m.container());
            }
        } else {
            source.put("metric", Map.of("name", m.name()));
        }
        source.put("current", current);
        return Map.of("type", m.type(), key, source);
    }
}
